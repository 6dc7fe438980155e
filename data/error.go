package data

import (
	"errors"
	"fmt"
	"maps"
	"sort"
	"strings"
)

// Code classifies an error so that callers can react to it without parsing text.
type Code string

// Error codes. The interface turns each error into a sentence through its Key.
const (
	EInvalid     Code = "invalid"     // the input breaks a rule; the user can fix it
	ENotFound    Code = "not_found"   // the record does not exist (or was deleted)
	EConflict    Code = "conflict"    // the change clashes with other data (a reference, a duplicate)
	ELocked      Code = "locked"      // the record is part of an approved act and cannot change
	ENotOurs     Code = "not_ours"    // a file that is not a Tavoli database
	ECorrupt     Code = "corrupt"     // a damaged or truncated file
	ENewer       Code = "newer"       // written by a newer version of Tavoli
	EReadOnly    Code = "read_only"   // the file or its folder cannot be written
	EUnsupported Code = "unsupported" // a file format we do not read (e.g. .xlsx)
	EInternal    Code = "internal"    // anything else: a bug or the machine (disk full, I/O)
)

// Error is a domain error. Key names the sentence that explains it (a translation key); Args fill the
// sentence's placeholders; Err is the underlying cause, kept for logs and errors.Is.
type Error struct {
	Code Code
	Key  string
	Args map[string]any
	Err  error
}

// Errorf builds an Error. args alternate names and values: Errorf(EInvalid, "err.x", "name", n).
func Errorf(code Code, key string, args ...any) *Error {
	e := &Error{Code: code, Key: key}
	if len(args) > 0 {
		e.Args = make(map[string]any, len(args)/2)
		for i := 0; i+1 < len(args); i += 2 {
			e.Args[fmt.Sprint(args[i])] = args[i+1]
		}
	}
	return e
}

// Wrap returns a copy of e that wraps cause.
func (e *Error) Wrap(cause error) *Error {
	c := *e
	c.Args = maps.Clone(e.Args)
	c.Err = cause
	return &c
}

// Error renders the error for logs: code, key, arguments in a stable order, and the cause.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(string(e.Code))
	b.WriteString(": ")
	b.WriteString(e.Key)
	if len(e.Args) > 0 {
		names := make([]string, 0, len(e.Args))
		for k := range e.Args {
			names = append(names, k)
		}
		sort.Strings(names)
		for _, k := range names {
			fmt.Fprintf(&b, " %s=%v", k, e.Args[k])
		}
	}
	if e.Err != nil {
		b.WriteString(": ")
		b.WriteString(e.Err.Error())
	}
	return b.String()
}

// Unwrap gives errors.Is and errors.As the cause.
func (e *Error) Unwrap() error { return e.Err }

// ErrorCode returns the code of the first *Error in err's chain, EInternal for any other error and
// "" for nil.
func ErrorCode(err error) Code {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EInternal
}

// AsError returns the first *Error in err's chain, or nil.
func AsError(err error) *Error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	return nil
}
