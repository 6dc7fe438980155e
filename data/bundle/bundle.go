package bundle

import (
	"errors"
	"fmt"
	"time"
	"unicode/utf8"

	"github.com/tavoli/tavoli/data"
)

// Format is the value of every bundle header's format field.
const Format = "tavoli-bundle"

// Version is the format version this package writes and the newest it reads.
const Version = 1

// magicPrefix starts the plain form; the format version and "\n" follow it.
const magicPrefix = "TAVOLI-BUNDLE "

// sealPrefix starts the last line of the plain form; the SHA-256 in hex of every byte before that
// line and "\n" follow it.
const sealPrefix = "TAVOLI-SEAL "

// gzipHeader is the header of every bundle's gzip member: deflate, no flags, no time, no extra flags,
// operating system "unknown". It is what compress/gzip writes at its default level with an empty
// gzip.Header; readers require it, so that no byte of a bundle is left unchecked.
var gzipHeader = []byte{0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff}

// maxLine bounds a line of the content on both sides, so that a forged file cannot make a reader hold
// an unbounded line: 128 MiB still carries a record with a PDF of about 90 MiB in base64.
const maxLine = 128 << 20

// Keys of the sentences that explain a refusal: the Key of the data.Error a failure returns.
const (
	KeyEmpty              = "err.bundle.empty"               // an empty file (ECorrupt)
	KeyNotBundle          = "err.bundle.not_bundle"          // any other file (ENotOurs)
	KeyDatabase           = "err.bundle.database"            // a SQLite database, not a bundle (ENotOurs)
	KeyNotPassphrase      = "err.bundle.not_passphrase"      // age-encrypted to a key, not a passphrase (ENotOurs)
	KeyPassphraseRequired = "err.bundle.passphrase_required" // encrypted, and no passphrase given (EPassphrase)
	KeyPassphraseWrong    = "err.bundle.passphrase_wrong"    // the passphrase does not open it (EPassphrase)
	KeyPassphraseChoose   = "err.bundle.passphrase_choose"   // encrypting with an empty passphrase (EInvalid)
	KeyPassphraseShort    = "err.bundle.passphrase_short"    // encrypting with a short passphrase; args n (EInvalid)
	KeyAltered            = "err.bundle.altered"             // checksum, MAC, gzip or structure fails (ECorrupt)
	KeyTruncated          = "err.bundle.truncated"           // the file ends too soon (ECorrupt)
	KeyOversized          = "err.bundle.oversized"           // more content than its size can hold (ECorrupt)
	KeyNewerFormat        = "err.bundle.newer_format"        // format version > Version; args version, known (ENewer)
	KeyNewerSchema        = "err.bundle.newer_schema"        // schema > ReadOptions.MaxSchema; args version, known (ENewer)
	KeyRead               = "err.bundle.read"                // the file could not be read (EInternal)
	KeyOpen               = "err.exchange.open"              // the file could not be opened; args path (ENotFound)
	KeyInternal           = "err.bundle.internal"            // the program misused this package (EInternal)
)

// Header describes a bundle: who made it, for which Ambito, from which database, and what it holds.
// Counts and SHA256 travel in the trailer, after the records: Write fills them, and a Reader only once
// Next has returned io.EOF.
type Header struct {
	Format     string    `json:"format"`  // always Format
	Version    int       `json:"version"` // the format version, Version when written
	Schema     int       `json:"schema"`  // the sender's database schema version
	AmbitoID   string    `json:"ambito_id"`
	AmbitoName string    `json:"ambito_name"`
	Sender     string    `json:"sender"` // the sending installation's device id
	SenderName string    `json:"sender_name"`
	Created    time.Time `json:"created"`        // given by the caller; compare with Equal (the zone becomes a fixed offset)
	Since      int64     `json:"since"`          // the sender's change sequence: records changed after Since…
	Upto       int64     `json:"upto"`           // …up to and including Upto; Since 0 means everything
	Peer       string    `json:"peer,omitempty"` // the device the bundle was made for, if any
	// Acks are the sender's acknowledgements, its own (Holder is Sender) and those it heard from others:
	// how far each database had merged each device's change sequence. Older readers ignore them.
	Acks []Ack `json:"acks,omitempty"`
	// Sent lists the sender's latest bundles before this one, so that a receiver that missed one can
	// name it.
	Sent []Sent `json:"sent,omitempty"`

	Counts map[string]int `json:"-"` // records per kind
	SHA256 string         `json:"-"` // lower-case hex SHA-256 of the record lines (see the package doc)
}

// Ack says that the database of device Holder had merged every change of device Device's change
// sequence up to and including Upto, none missing, when it last said so (At, on its own clock).
type Ack struct {
	Holder string    `json:"holder"`
	Device string    `json:"device"`
	Upto   int64     `json:"upto"`
	At     time.Time `json:"at"`
}

// Sent is a bundle its sender wrote: its file's name (without the folder) when known, when it was
// made, and the window of the sender's change sequence it carried.
type Sent struct {
	File    string    `json:"file,omitempty"`
	Created time.Time `json:"created"`
	Since   int64     `json:"since"`
	Upto    int64     `json:"upto"`
}

// Record is one row of one table: Kind names the table ("person"), ID is the row's UUID, Row maps
// column names to values of the types listed in the package doc.
type Record struct {
	Kind string
	ID   string
	Row  map[string]any
}

// check reports what is wrong with a header, or nil. Format and Version are the caller's to compare.
func (h Header) check() error {
	for _, f := range []struct{ name, v string }{
		{"ambito_id", h.AmbitoID}, {"sender", h.Sender},
	} {
		if f.v == "" {
			return fmt.Errorf("header: %s is empty", f.name)
		}
	}
	for _, s := range []string{h.AmbitoID, h.AmbitoName, h.Sender, h.SenderName, h.Peer} {
		if !utf8.ValidString(s) {
			return errors.New("header: a text is not valid UTF-8")
		}
	}
	for _, a := range h.Acks {
		if a.Holder == "" || a.Device == "" || a.Upto < 0 || !utf8.ValidString(a.Holder+a.Device) {
			return fmt.Errorf("header: acknowledgement %q of %q up to %d", a.Holder, a.Device, a.Upto)
		}
	}
	for _, b := range h.Sent {
		if b.Since < 0 || b.Upto < b.Since || !utf8.ValidString(b.File) {
			return fmt.Errorf("header: previous bundle %q window %d..%d", b.File, b.Since, b.Upto)
		}
	}
	switch {
	case h.Schema < 1:
		return fmt.Errorf("header: schema %d", h.Schema)
	case h.Created.IsZero():
		return errors.New("header: no creation time")
	case h.Since < 0 || h.Upto < h.Since:
		return fmt.Errorf("header: window %d..%d", h.Since, h.Upto)
	}
	return nil
}

// check reports what is wrong with a record's envelope, or nil; the values are checked as they are
// encoded.
func (r Record) check() error {
	if r.Kind == "" || r.ID == "" {
		return fmt.Errorf("record %q/%q: kind and id are required", r.Kind, r.ID)
	}
	if !utf8.ValidString(r.Kind) || !utf8.ValidString(r.ID) {
		return fmt.Errorf("record %q/%q: kind or id is not valid UTF-8", r.Kind, r.ID)
	}
	return nil
}

// internal is the error of a misuse of this package: a bug of the caller, not a fault of the file.
func internal(cause error) error {
	return data.Errorf(data.EInternal, KeyInternal).Wrap(cause)
}

// altered is the refusal of a file whose content fails a check.
func altered(cause error) error {
	return data.Errorf(data.ECorrupt, KeyAltered).Wrap(cause)
}

// truncated is the refusal of a file that ends too soon.
func truncated(cause error) error {
	return data.Errorf(data.ECorrupt, KeyTruncated).Wrap(cause)
}
