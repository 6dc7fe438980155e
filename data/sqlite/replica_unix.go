//go:build unix

package sqlite

import (
	"fmt"
	"os"
	"syscall"
)

// fileIdentity is the file's device and inode numbers: a copy has others, even at the same path.
func fileIdentity(path string) string {
	fi, err := os.Stat(path)
	if err != nil {
		return ""
	}
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return ""
	}
	return fmt.Sprintf("%d:%d", st.Dev, st.Ino)
}
