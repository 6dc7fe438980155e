package atomicfile_test

import "syscall"

var fullDisk = syscall.Errno(112) // ERROR_DISK_FULL
