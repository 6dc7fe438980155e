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
	EInternal    Code = "internal"    // anything else: a bug or the machine (I/O)

	// Finer codes, for the distinctions a caller acts on. Each refines one of the kinds above (its Kind,
	// named in the comment); the window and the command line branch on codes, never on a sentence's Key.
	EFull           Code = "full"            // the disk is full (internal): free space, then retry
	EBusy           Code = "busy"            // another program holds the database (conflict): retry later
	EChanged        Code = "changed"         // the record was saved elsewhere since it was read (conflict)
	EPassphrase     Code = "passphrase"      // a bundle's passphrase is missing, empty or wrong (invalid)
	EUnknownPeer    Code = "unknown_peer"    // no known device has the name given (not found)
	EOtherAmbito    Code = "other_ambito"    // a bundle made by another Ambito's database (conflict)
	EGap            Code = "gap"             // a bundle skips changes not yet received from its sender (conflict)
	EMissingRecords Code = "missing_records" // a bundle refers to records neither it nor the database has (conflict)
)

// kinds maps each finer code to the kind it refines.
var kinds = map[Code]Code{
	EFull:           EInternal,
	EBusy:           EConflict,
	EChanged:        EConflict,
	EPassphrase:     EInvalid,
	EUnknownPeer:    ENotFound,
	EOtherAmbito:    EConflict,
	EGap:            EConflict,
	EMissingRecords: EConflict,
}

// Kind is the broad kind of error a code belongs to (EInvalid, ENotFound, EConflict, EInternal, …): the
// code itself for those, the one it refines for the finer codes. Callers that only tell a passing
// failure from one the user must fix switch on the kind.
func (c Code) Kind() Code {
	if k, ok := kinds[c]; ok {
		return k
	}
	return c
}

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

// IsCode reports whether err's chain holds an *Error whose code is code. Unlike ErrorCode, it looks past
// the first *Error: an error wrapped in another keeps its code.
func IsCode(err error, code Code) bool {
	for err != nil {
		var e *Error
		if !errors.As(err, &e) {
			return false
		}
		if e.Code == code {
			return true
		}
		err = e.Err
	}
	return false
}

// AsError returns the first *Error in err's chain, or nil.
func AsError(err error) *Error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	return nil
}
