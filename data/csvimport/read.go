// Package csvimport reads a list of people that Excel or LibreOffice saved as CSV. It finds the
// encoding and the delimiter by itself, refuses a damaged file whole with the line to fix, and turns
// the rows into data.PersonImport values through a column mapping the user confirms.
//
// It is pure code: bytes in, values out. Matching categories and comuni is the store's job.
package csvimport

import (
	"encoding/csv"
	"errors"
	"io"
	"strings"

	"github.com/tavoli/tavoli/data"
)

// Encodings reported in Table.Encoding, shown to the user as they are.
const (
	EncodingUTF8        = "UTF-8"
	EncodingUTF8BOM     = "UTF-8 con BOM"
	EncodingUTF16LE     = "UTF-16 LE" // Excel's "Testo Unicode" on Windows
	EncodingUTF16BE     = "UTF-16 BE"
	EncodingWindows1252 = "Windows-1252"
)

// Table is a CSV file read whole and checked: every row has as many fields as the header, and rows
// whose fields are all blank are gone.
type Table struct {
	Encoding  string     // how the bytes were decoded: one of the Encoding constants
	Delimiter rune       // ',', ';' or '\t'
	Header    []string   // the first non-blank row, as written
	Rows      [][]string // the data rows, as written (spaces included)
	Lines     []int      // the line where each row starts, 1-based, for messages
}

// Read reads a whole CSV file. filename is the name the user chose; its extension tells a
// spreadsheet apart even before the bytes do.
//
// The file is UTF-16 with a BOM, UTF-8 (with or without BOM), or Windows-1252 when nothing in it is
// UTF-8 beyond ASCII; a file that mixes UTF-8 with other bytes is refused with the first line that is
// not UTF-8. The delimiter is whichever of ';', '\t' and ',' the header uses most. A damaged file is
// refused whole with a *data.Error naming its line: importing half a list would leave the register
// wrong without anyone noticing.
func Read(r io.Reader, filename string) (*Table, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, data.Errorf(data.EInternal, "err.csv.read").Wrap(err)
	}
	if isSpreadsheet(b, filename) {
		return nil, data.Errorf(data.EUnsupported, "err.csv.spreadsheet", "file", filename)
	}
	text, enc, err := decode(b)
	if err != nil {
		return nil, err
	}
	t := &Table{Encoding: enc, Delimiter: detectDelimiter(text)}
	if err := t.parse(text); err != nil {
		return nil, err
	}
	return t, nil
}

// parse fills the header, rows and lines from the decoded text.
func (t *Table) parse(text string) error {
	cr := csv.NewReader(strings.NewReader(text))
	cr.Comma = t.Delimiter
	// Counted here rather than by encoding/csv, so that blank rows of any length are skipped and the
	// message can say how many fields the row has.
	cr.FieldsPerRecord = -1
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return parseError(err)
		}
		if blank(rec) {
			continue
		}
		if t.Header == nil {
			t.Header = rec
			continue
		}
		line, _ := cr.FieldPos(0)
		if len(rec) != len(t.Header) {
			return data.Errorf(data.EInvalid, "err.csv.fields", "line", line, "got", len(rec), "want", len(t.Header))
		}
		t.Rows = append(t.Rows, rec)
		t.Lines = append(t.Lines, line)
	}
	switch {
	case t.Header == nil:
		return data.Errorf(data.EInvalid, "err.csv.empty")
	case len(t.Rows) == 0:
		return data.Errorf(data.EInvalid, "err.csv.header_only")
	}
	return nil
}

// parseError names the line where the broken record starts: for a quote never closed, the line
// where encoding/csv gives up is the end of the file.
func parseError(err error) error {
	var pe *csv.ParseError
	if !errors.As(err, &pe) {
		return data.Errorf(data.EInternal, "err.csv.read").Wrap(err)
	}
	return data.Errorf(data.EInvalid, "err.csv.quote", "line", pe.StartLine).Wrap(err)
}

// blank reports whether every field is empty or spaces, as in the ";;;;" rows Excel writes for
// formatted cells below a list.
func blank(rec []string) bool {
	for _, f := range rec {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}
