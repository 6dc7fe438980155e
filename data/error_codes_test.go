package data_test

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/tavoli/tavoli/data"
)

func TestIsCode(t *testing.T) {
	gap := data.Errorf(data.EGap, "err.exchange.gap", "name", "Anna")
	tests := []struct {
		name string
		err  error
		code data.Code
		want bool
	}{
		{"nil", nil, data.EGap, false},
		{"plain error", fmt.Errorf("boom"), data.EInternal, false},
		{"the code", gap, data.EGap, true},
		{"another code", gap, data.EConflict, false},
		{"wrapped with %w", fmt.Errorf("merge: %w", gap), data.EGap, true},
		{"inside another coded error", data.Errorf(data.EInvalid, "cli.x").Wrap(gap), data.EGap, true},
		{"the outer of two", data.Errorf(data.EInvalid, "cli.x").Wrap(gap), data.EInvalid, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := data.IsCode(tt.err, tt.code); got != tt.want {
				t.Errorf("IsCode(%v, %s) = %v, want %v", tt.err, tt.code, got, tt.want)
			}
		})
	}
}

func TestCodeKind(t *testing.T) {
	tests := []struct{ code, want data.Code }{
		{data.EInvalid, data.EInvalid},
		{data.EInternal, data.EInternal},
		{data.EFull, data.EInternal},
		{data.EBusy, data.EConflict},
		{data.EChanged, data.EConflict},
		{data.EPassphrase, data.EInvalid},
		{data.EUnknownPeer, data.ENotFound},
		{data.EOtherAmbito, data.EConflict},
		{data.EGap, data.EConflict},
		{data.EMissingRecords, data.EConflict},
	}
	for _, tt := range tests {
		if got := tt.code.Kind(); got != tt.want {
			t.Errorf("%s.Kind() = %s, want %s", tt.code, got, tt.want)
		}
	}
}

// keyBranch finds code that decides on an error's translation key: a comparison of a Key with a
// string (literal or named constant), or a switch on a Key. Callers branch on codes; the key only
// names the sentence.
var keyBranch = regexp.MustCompile(`\.Key\s*[!=]=\s*("[^"]+"|[A-Za-z_.]*Key[A-Z]\w*)|switch\s[^{]*\.Key\s*\{`)

// TestNoBranchOnKey scans the module's Go files, tests apart, for code that branches on a key.
func TestNoBranchOnKey(t *testing.T) {
	root := ".."
	n := 0
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if name := d.Name(); path != root && (strings.HasPrefix(name, ".") || name == "testdata" || name == "vendor") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		n++
		for i, line := range strings.Split(string(b), "\n") {
			if keyBranch.MatchString(line) {
				t.Errorf("%s:%d branches on an error's key, not its code: %s", path, i+1, strings.TrimSpace(line))
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 100 {
		t.Fatalf("scanned %d Go files under %s, want the whole module", n, root)
	}
}
