package atomicfile

import (
	"errors"
	"io/fs"
	"syscall"
)

// Windows error numbers of a move onto a name that is taken.
const (
	errFileExists    syscall.Errno = 80
	errAlreadyExists syscall.Errno = 183
)

// placeNew gives the finished file at tmp the name path, only if nothing has it: MoveFile, unlike a
// rename, never replaces a file that appeared there meanwhile.
func placeNew(tmp, path string) error {
	from, err := syscall.UTF16PtrFromString(tmp)
	if err != nil {
		return err
	}
	to, err := syscall.UTF16PtrFromString(path)
	if err != nil {
		return err
	}
	err = syscall.MoveFile(from, to)
	if errors.Is(err, errFileExists) || errors.Is(err, errAlreadyExists) {
		return fs.ErrExist
	}
	return err
}
