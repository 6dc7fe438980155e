// Package testfs gives tests a temporary folder that can also be removed under Wine.
//
// .ci/windows runs the tests about Windows paths and files as a Windows program under Wine 8. There,
// os.RemoveAll fails with "Invalid function" (it deletes with FileDispositionInformationEx, which Wine 8
// does not implement; Windows 10 and 11 do), so t.TempDir's own cleanup fails every test that uses it.
// The program itself never calls os.RemoveAll.
package testfs

import (
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"testing"
)

// TempDir is t.TempDir, removed at the end of the test file by file, deepest first, with os.Remove.
func TempDir(t testing.TB) string {
	t.Helper()
	dir, err := os.MkdirTemp("", "tavoli-test-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := remove(dir); err != nil {
			t.Errorf("removing the test folder: %v", err)
		}
	})
	return dir
}

// remove deletes dir and everything under it.
func remove(dir string) error {
	var paths []string
	err := filepath.WalkDir(dir, func(path string, _ fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		paths = append(paths, path)
		return nil
	})
	if err != nil {
		return err
	}
	// Longer paths first: a folder's contents before the folder.
	sort.Slice(paths, func(i, j int) bool { return len(paths[i]) > len(paths[j]) })
	for _, p := range paths {
		if err := os.Remove(p); err != nil {
			return err
		}
	}
	return nil
}
