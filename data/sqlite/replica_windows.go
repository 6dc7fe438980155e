//go:build windows

package sqlite

import (
	"fmt"
	"syscall"
)

// fileIdentity is the volume's serial number and the file's index on it, Windows' counterpart of the
// device and inode numbers: a copy has another index, even at the same path, and a rename keeps it.
func fileIdentity(path string) string {
	p, err := syscall.UTF16PtrFromString(path)
	if err != nil {
		return ""
	}
	// Opened for no access at all, sharing everything: this neither waits for nor disturbs SQLite's
	// own handles, and works on a file another program holds open.
	h, err := syscall.CreateFile(p, 0,
		syscall.FILE_SHARE_READ|syscall.FILE_SHARE_WRITE|syscall.FILE_SHARE_DELETE, nil,
		syscall.OPEN_EXISTING, syscall.FILE_FLAG_BACKUP_SEMANTICS, 0)
	if err != nil {
		return ""
	}
	defer syscall.CloseHandle(h)
	var info syscall.ByHandleFileInformation
	if err := syscall.GetFileInformationByHandle(h, &info); err != nil {
		return ""
	}
	return fmt.Sprintf("%08x:%08x%08x", info.VolumeSerialNumber, info.FileIndexHigh, info.FileIndexLow)
}
