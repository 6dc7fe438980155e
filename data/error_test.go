package data_test

import (
	"errors"
	"fmt"
	"io/fs"
	"testing"

	"github.com/tavoli/tavoli/data"
)

// checkKey fails unless err is an EInvalid *data.Error with the given key; an empty key means no error.
func checkKey(t *testing.T, name string, err error, key string) {
	t.Helper()
	if key == "" {
		if err != nil {
			t.Errorf("%s = %v, want nil", name, err)
		}
		return
	}
	if got := data.ErrorCode(err); got != data.EInvalid {
		t.Errorf("ErrorCode(%s) = %q, want %q (err %v)", name, got, data.EInvalid, err)
	}
	if e := data.AsError(err); e == nil {
		t.Errorf("AsError(%s) = nil (err %v), want key %q", name, err, key)
	} else if e.Key != key {
		t.Errorf("AsError(%s).Key = %q, want %q", name, e.Key, key)
	}
}

func TestErrorString(t *testing.T) {
	tests := []struct {
		name string
		err  *data.Error
		want string
	}{
		{"bare", data.Errorf(data.ENotFound, "err.person.not_found"), "not_found: err.person.not_found"},
		{"one arg", data.Errorf(data.EInvalid, "err.x", "name", "Rossi"), "invalid: err.x name=Rossi"},
		{"args sorted", data.Errorf(data.EInvalid, "err.x", "zeta", 3, "alfa", 1, "mu", "m"),
			"invalid: err.x alfa=1 mu=m zeta=3"},
		{"odd args drop the dangling name", data.Errorf(data.EInvalid, "err.x", "a", 1, "b"), "invalid: err.x a=1"},
		{"single dangling name", data.Errorf(data.EInvalid, "err.x", "a"), "invalid: err.x"},
		{"non-string name", data.Errorf(data.EConflict, "err.x", 7, true), "conflict: err.x 7=true"},
		{"cause", data.Errorf(data.EInternal, "err.db", "file", "a.db").Wrap(errors.New("disk full")),
			"internal: err.db file=a.db: disk full"},
		{"literal", &data.Error{Code: data.ELocked, Key: "err.locked", Err: fs.ErrPermission},
			"locked: err.locked: permission denied"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// Several runs: map iteration order must not show through.
			for range 5 {
				if got := tt.err.Error(); got != tt.want {
					t.Fatalf("Error() = %q, want %q", got, tt.want)
				}
			}
		})
	}
}

func TestErrorfArgs(t *testing.T) {
	e := data.Errorf(data.EInvalid, "err.x", "a", 1, "b")
	if len(e.Args) != 1 || e.Args["a"] != 1 {
		t.Errorf("Errorf(a, 1, b).Args = %v, want map[a:1]", e.Args)
	}
	if e := data.Errorf(data.EInvalid, "err.x"); e.Args != nil {
		t.Errorf("Errorf().Args = %v, want nil", e.Args)
	}
	if e.Code != data.EInvalid || e.Key != "err.x" || e.Err != nil {
		t.Errorf("Errorf(EInvalid, err.x) = %#v, want code invalid, key err.x, no cause", e)
	}
}

func TestWrapKeepsOriginal(t *testing.T) {
	orig := data.Errorf(data.ECorrupt, "err.file.corrupt", "file", "x.db")
	cause := errors.New("short read")
	w := orig.Wrap(cause)
	if w == orig {
		t.Fatal("Wrap returned the receiver, want a copy")
	}
	if orig.Err != nil {
		t.Errorf("after Wrap, original.Err = %v, want nil", orig.Err)
	}
	if w.Err != cause || w.Code != orig.Code || w.Key != orig.Key || w.Args["file"] != "x.db" {
		t.Errorf("Wrap(%v) = %#v, want code, key and args of %#v with the cause", cause, w, orig)
	}
	if got, want := orig.Error(), "corrupt: err.file.corrupt file=x.db"; got != want {
		t.Errorf("original.Error() after Wrap = %q, want %q", got, want)
	}
}

func TestErrorCode(t *testing.T) {
	coded := data.Errorf(data.ENotOurs, "err.file.not_ours")
	tests := []struct {
		name string
		err  error
		want data.Code
	}{
		{"nil", nil, ""},
		{"plain", errors.New("boom"), data.EInternal},
		{"coded", coded, data.ENotOurs},
		{"wrapped by fmt", fmt.Errorf("open: %w", coded), data.ENotOurs},
		{"twice wrapped", fmt.Errorf("a: %w", fmt.Errorf("b: %w", coded)), data.ENotOurs},
		{"joined", errors.Join(errors.New("x"), coded), data.ENotOurs},
		{"outermost wins", data.Errorf(data.EConflict, "err.outer").Wrap(coded), data.EConflict},
	}
	for _, tt := range tests {
		if got := data.ErrorCode(tt.err); got != tt.want {
			t.Errorf("ErrorCode(%s %v) = %q, want %q", tt.name, tt.err, got, tt.want)
		}
	}
	if e := data.AsError(errors.New("plain")); e != nil {
		t.Errorf("AsError(plain) = %v, want nil", e)
	}
	if e := data.AsError(nil); e != nil {
		t.Errorf("AsError(nil) = %v, want nil", e)
	}
	if e := data.AsError(fmt.Errorf("x: %w", coded)); e != coded {
		t.Errorf("AsError(wrapped) = %v, want %v", e, coded)
	}
}

func TestErrorUnwrap(t *testing.T) {
	err := fmt.Errorf("save: %w", data.Errorf(data.EReadOnly, "err.file.read_only").Wrap(fs.ErrPermission))
	if !errors.Is(err, fs.ErrPermission) {
		t.Errorf("errors.Is(%v, fs.ErrPermission) = false, want true", err)
	}
	if errors.Is(err, fs.ErrNotExist) {
		t.Errorf("errors.Is(%v, fs.ErrNotExist) = true, want false", err)
	}
	var e *data.Error
	if !errors.As(err, &e) || e.Code != data.EReadOnly {
		t.Errorf("errors.As(%v) = %v, want the read_only error", err, e)
	}
	var pe *fs.PathError
	inner := &fs.PathError{Op: "open", Path: "/x", Err: fs.ErrNotExist}
	err = data.Errorf(data.ENotFound, "err.file").Wrap(inner)
	if !errors.As(err, &pe) || pe != inner {
		t.Errorf("errors.As(%v, *fs.PathError) = %v, want %v", err, pe, inner)
	}
	if (&data.Error{}).Unwrap() != nil {
		t.Error("Unwrap() of an error without cause != nil")
	}
}

func TestCodesUnique(t *testing.T) {
	codes := []data.Code{data.EInvalid, data.ENotFound, data.EConflict, data.ELocked, data.ENotOurs,
		data.ECorrupt, data.ENewer, data.EReadOnly, data.EUnsupported, data.EInternal}
	seen := map[data.Code]bool{}
	for _, c := range codes {
		if c == "" || seen[c] {
			t.Errorf("code %q is empty or repeated", c)
		}
		seen[c] = true
	}
}
