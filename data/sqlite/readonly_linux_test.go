package sqlite

import (
	"errors"
	"fmt"
	"os/exec"
	"syscall"
)

// runUnprivileged runs cmd in a new user namespace with no user mapped into it. The process keeps its
// ids, but its capabilities hold only inside the namespace: files owned by the host's users are checked
// against their permission bits, as for anyone else.
func runUnprivileged(cmd *exec.Cmd) ([]byte, error) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Cloneflags: syscall.CLONE_NEWUSER}
	out, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		return out, fmt.Errorf("%w: user namespace: %v", errNoUnprivileged, err)
	}
	return out, err
}
