//go:build !windows

package atomicfile

import (
	"errors"
	"io/fs"
	"os"
)

// placeNew gives the finished file at tmp the name path, only if nothing has it: a hard link fails on a
// name that is taken, where a rename would replace a database that appeared there meanwhile (and
// another program writing to it would lose its writes). A disk without hard links (FAT, some network
// shares) gets a check, then the rename.
func placeNew(tmp, path string) error {
	err := os.Link(tmp, path)
	switch {
	case err == nil:
		os.Remove(tmp) // a leftover would be swept by the next write here
		return nil
	case errors.Is(err, fs.ErrExist):
		return fs.ErrExist
	}
	if _, serr := os.Lstat(path); serr == nil {
		return fs.ErrExist
	}
	return os.Rename(tmp, path)
}
