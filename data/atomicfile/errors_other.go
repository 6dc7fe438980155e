//go:build !windows

package atomicfile

import (
	"errors"
	"syscall"
)

func diskFull(err error) bool {
	return errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EDQUOT)
}

// locked is always false: Unix lets a file be replaced while others read it.
func locked(error, string) bool { return false }

func readOnly(err error) bool { return errors.Is(err, syscall.EROFS) }

func transient(error) bool { return false }
