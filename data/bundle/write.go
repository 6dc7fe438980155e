package bundle

import (
	"bufio"
	"bytes"
	"cmp"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"io"
	"iter"
	"unicode/utf8"

	"filippo.io/age"
)

// scryptWorkFactor is the scrypt cost (log2 of N) bundles are encrypted with: age's own default, a
// second or so and 256 MiB of memory on a laptop, once per export and once per import, whatever the
// size of the bundle. It guards a passphrase chosen by people against guessing; it must not go down.
const scryptWorkFactor = 18

// WriteOptions choose the form of a bundle. The encrypted form is the default: a bundle carries
// personal data, and NoEncryption must be a deliberate choice.
type WriteOptions struct {
	Passphrase   string // required unless NoEncryption; see CheckPassphrase
	NoEncryption bool   // write the plain form; Passphrase must then be empty

	workFactor int // tests only: a cheaper scrypt; 0 means scryptWorkFactor
}

// Writer writes a bundle record by record, in constant memory. A bundle is complete only after Finish:
// an abandoned Writer leaves a file that readers refuse as truncated, so an export that fails half way
// can never pass for a smaller one.
type Writer struct {
	out  *bufio.Writer  // on the destination
	enc  io.WriteCloser // age's encrypting writer; nil in the plain form
	gz   *gzip.Writer
	line bytes.Buffer  // the line being encoded
	je   *json.Encoder // encodes into line
	sum  hash.Hash     // of the record lines
	seal hash.Hash     // of every byte of the plain form before the seal
	dst  io.Writer     // where the plain form goes: out, or enc
	h    Header
	err  error // the first failure; every later call returns it
}

// wireRecord is a record line.
type wireRecord struct {
	Kind string         `json:"kind"`
	ID   string         `json:"id"`
	Row  map[string]any `json:"row"`
}

// trailer is the last line of the content.
type trailer struct {
	End    bool           `json:"end"`
	Counts map[string]int `json:"counts"`
	SHA256 string         `json:"sha256"`
}

// errFinished is the misuse of a Writer after Finish.
var errFinished = internal(errors.New("the bundle is already finished"))

// NewWriter starts a bundle on w and writes its header. It sets the header's Format and Version;
// AmbitoID, Sender, Schema and Created are required, and Since ≤ Upto. Errors that w returns come
// back wrapped, not as refusals: the caller knows the file and words them (a full disk, a read-only
// stick).
func NewWriter(w io.Writer, h Header, opt WriteOptions) (*Writer, error) {
	h.Format, h.Version, h.Counts, h.SHA256 = Format, Version, map[string]int{}, ""
	if err := h.check(); err != nil {
		return nil, internal(err)
	}
	bw := &Writer{out: bufio.NewWriterSize(w, 64<<10), sum: sha256.New(), seal: sha256.New(), h: h}
	bw.je = json.NewEncoder(&bw.line)
	bw.je.SetEscapeHTML(false)

	bw.dst = bw.out
	switch {
	case opt.NoEncryption && opt.Passphrase != "":
		return nil, internal(errors.New("a passphrase given with NoEncryption"))
	case opt.NoEncryption:
	default:
		if err := CheckPassphrase(opt.Passphrase); err != nil {
			return nil, err
		}
		r, err := age.NewScryptRecipient(opt.Passphrase)
		if err != nil {
			return nil, internal(err)
		}
		r.SetWorkFactor(cmp.Or(opt.workFactor, scryptWorkFactor))
		if bw.enc, err = age.Encrypt(bw.out, r); err != nil {
			return nil, fmt.Errorf("bundle: encrypting: %w", err)
		}
		bw.dst = bw.enc
	}
	sealed := io.MultiWriter(bw.dst, bw.seal)
	if _, err := fmt.Fprintf(sealed, "%s%d\n", magicPrefix, Version); err != nil {
		return nil, written(err)
	}
	// The header is a gzip member of its own, so that readers can check it before believing it; the
	// records follow in a second one. Both have the fixed member header: no name, no time.
	bw.gz = gzip.NewWriter(sealed)
	if err := bw.put(h, false); err != nil {
		return nil, err
	}
	if bw.line.Len() > maxHeader {
		return nil, internal(fmt.Errorf("a header of %d bytes, more than readers accept", bw.line.Len()))
	}
	if err := bw.gz.Close(); err != nil {
		return nil, written(err)
	}
	bw.gz.Reset(sealed)
	return bw, nil
}

// Add writes one record. Its values must be of the types the package doc lists; any other is a
// misuse, and like every error it spoils the bundle: Finish will fail too.
func (w *Writer) Add(rec Record) error {
	if w.err != nil {
		return w.err
	}
	if err := rec.check(); err != nil {
		return w.fail(internal(err))
	}
	row := make(map[string]any, len(rec.Row))
	for col, v := range rec.Row {
		if col == "" || !utf8.ValidString(col) {
			return w.fail(internal(fmt.Errorf("record %s/%s: column name %q", rec.Kind, rec.ID, col)))
		}
		ev, err := encodeValue(v)
		if err != nil {
			return w.fail(internal(fmt.Errorf("record %s/%s, column %s: %w", rec.Kind, rec.ID, col, err)))
		}
		row[col] = ev
	}
	if err := w.put(wireRecord{Kind: rec.Kind, ID: rec.ID, Row: row}, true); err != nil {
		return w.fail(err)
	}
	w.h.Counts[rec.Kind]++
	return nil
}

// Finish writes the trailer, closes the compression, writes the seal, closes the encryption, flushes
// to the destination and returns the header with Counts and SHA256. It does not close the destination.
func (w *Writer) Finish() (Header, error) {
	if w.err != nil {
		return Header{}, w.err
	}
	w.h.SHA256 = hex.EncodeToString(w.sum.Sum(nil))
	err := w.put(trailer{End: true, Counts: w.h.Counts, SHA256: w.h.SHA256}, false)
	if err == nil {
		err = written(w.gz.Close())
	}
	if err == nil {
		_, err = io.WriteString(w.dst, sealPrefix+hex.EncodeToString(w.seal.Sum(nil))+"\n")
		err = written(err)
	}
	if err == nil && w.enc != nil {
		err = written(w.enc.Close())
	}
	if err == nil {
		err = written(w.out.Flush())
	}
	if err != nil {
		return Header{}, w.fail(err)
	}
	w.err = errFinished
	return w.h, nil
}

// Write writes a whole bundle: the header, the records as records yields them, the trailer. An error
// from records stops it and comes back as it is; what was written by then is refused by readers.
func Write(w io.Writer, h Header, records iter.Seq2[Record, error], opt WriteOptions) (Header, error) {
	bw, err := NewWriter(w, h, opt)
	if err != nil {
		return Header{}, err
	}
	for rec, err := range records {
		if err != nil {
			return Header{}, err
		}
		if err := bw.Add(rec); err != nil {
			return Header{}, err
		}
	}
	return bw.Finish()
}

// put encodes v as one line of the content and compresses it; hashed lines count in the checksum.
func (w *Writer) put(v any, hashed bool) error {
	w.line.Reset()
	if err := w.je.Encode(v); err != nil {
		return internal(err)
	}
	if w.line.Len() > maxLine {
		return internal(fmt.Errorf("a line of %d bytes, more than readers accept", w.line.Len()))
	}
	if hashed {
		w.sum.Write(w.line.Bytes())
	}
	_, err := w.gz.Write(w.line.Bytes())
	return written(err)
}

// fail records the Writer's first error and returns it.
func (w *Writer) fail(err error) error {
	if w.err == nil {
		w.err = err
	}
	return w.err
}

// written wraps an error of the destination, nil for nil.
func written(err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("bundle: writing: %w", err)
}
