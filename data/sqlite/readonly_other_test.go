//go:build !linux

package sqlite

import (
	"fmt"
	"os/exec"
	"runtime"
)

// runUnprivileged has no way to drop permission overrides outside Linux.
func runUnprivileged(*exec.Cmd) ([]byte, error) {
	return nil, fmt.Errorf("%w on %s", errNoUnprivileged, runtime.GOOS)
}
