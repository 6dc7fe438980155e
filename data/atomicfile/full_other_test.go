//go:build !windows

package atomicfile_test

import "syscall"

var fullDisk = syscall.ENOSPC
