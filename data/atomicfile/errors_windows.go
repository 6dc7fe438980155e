package atomicfile

import (
	"errors"
	"os"
	"syscall"
)

// Windows error numbers (winerror.h) that a write meets.
const (
	errAccessDenied       syscall.Errno = 5
	errWriteProtect       syscall.Errno = 19
	errSharingViolation   syscall.Errno = 32
	errLockViolation      syscall.Errno = 33
	errHandleDiskFull     syscall.Errno = 39
	errDiskFull           syscall.Errno = 112
	errUserMappedFile     syscall.Errno = 1224
	fileAttributeReadOnly               = 0x1
)

func diskFull(err error) bool {
	return errors.Is(err, errDiskFull) || errors.Is(err, errHandleDiskFull)
}

// locked reports whether another program holds path open. Replacing a file that a viewer keeps open
// fails with a sharing violation, or with "access denied" when the viewer did not allow deletion; a
// destination that is not read-only in a folder where the temporary file could be made is then held
// by somebody, not protected.
func locked(err error, path string) bool {
	switch {
	case errors.Is(err, errSharingViolation), errors.Is(err, errLockViolation), errors.Is(err, errUserMappedFile):
		return true
	case errors.Is(err, errAccessDenied):
		fi, serr := os.Stat(path)
		if serr != nil || !fi.Mode().IsRegular() {
			return false
		}
		attr, ok := fi.Sys().(*syscall.Win32FileAttributeData)
		return ok && attr.FileAttributes&fileAttributeReadOnly == 0
	}
	return false
}

func readOnly(err error) bool {
	return errors.Is(err, errWriteProtect) || errors.Is(err, errAccessDenied)
}

// transient errors may go away by themselves: a scanner or an indexer holding the file for a moment.
func transient(err error) bool {
	return errors.Is(err, errSharingViolation) || errors.Is(err, errLockViolation) || errors.Is(err, errAccessDenied)
}

// guard needs nothing on Windows: the temporary file's open handle, which does not share deletion,
// keeps another process's sweep from removing it.
func guard(*os.File) {}

// abandoned lets sweep try: the removal of a file some process still has open fails.
func abandoned(string) bool { return true }
