package csvimport

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"unicode/utf8"

	"github.com/tavoli/tavoli/data"
)

// FuzzRead checks that Read never panics, refuses only with a *data.Error, and that a table it
// accepts holds together, through to People.
func FuzzRead(f *testing.F) {
	entries, err := os.ReadDir("testdata")
	if err != nil {
		f.Fatal(err)
	}
	for _, e := range entries {
		if b, err := os.ReadFile(filepath.Join("testdata", e.Name())); err == nil {
			f.Add(b)
		}
	}
	for _, s := range []string{
		"Cognome;Nome\rRossi;Mario\r",
		"\xEF\xBB\xBFCognome\tNome\r\n\"Ro\"\"ssi\"\tMario\r\n",
		"\"Cognome;Nome\",Ente\n\"a\nb\",c\n;\n",
		"Cognome;Nome\r\nD\x92Angelo;Niccol\xF2\r\n",
		"Cognome;Nome\r\nCittà;Niccol\xF2\r\n",
		"\xFE\xFF\x00C\x00;\x00N\x00\n\x00R\x00;\xD8\x3D\xDE\x00\x00\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		tab, err := Read(bytes.NewReader(in), "elenco.csv")
		if err != nil {
			if tab != nil || data.AsError(err) == nil {
				t.Fatalf("Read(%q) = %v, %v, want nil and a *data.Error", in, tab, err)
			}
			return
		}
		checkTable(t, in, tab)
		people, err := tab.People(Guess(tab.Header))
		if err == nil && (len(people) == 0 || len(people) > len(tab.Rows)) {
			t.Fatalf("People(%q) = %d people from %d rows", Guess(tab.Header), len(people), len(tab.Rows))
		}
	})
}

// checkTable fails the test unless tab is what Read promises: rows as wide as the header, a line
// for each row in increasing order after the header, no blank row, and UTF-8 text.
func checkTable(t *testing.T, in []byte, tab *Table) {
	t.Helper()
	switch {
	case !slices.Contains([]string{EncodingUTF8, EncodingUTF8BOM, EncodingUTF16LE, EncodingUTF16BE, EncodingWindows1252}, tab.Encoding):
		t.Fatalf("Read(%q).Encoding = %q", in, tab.Encoding)
	case tab.Encoding == EncodingWindows1252 && hasUTF8Letters(in):
		t.Fatalf("Read(%q) read UTF-8 letters as Windows-1252", in)
	case tab.Delimiter != ';' && tab.Delimiter != ',' && tab.Delimiter != '\t':
		t.Fatalf("Read(%q).Delimiter = %q", in, tab.Delimiter)
	case len(tab.Header) == 0 || len(tab.Rows) == 0:
		t.Fatalf("Read(%q) = %d columns, %d rows, want some of both", in, len(tab.Header), len(tab.Rows))
	case len(tab.Rows) != len(tab.Lines):
		t.Fatalf("Read(%q) = %d rows and %d lines, want as many", in, len(tab.Rows), len(tab.Lines))
	}
	for _, h := range tab.Header {
		if !utf8.ValidString(h) {
			t.Fatalf("Read(%q).Header = %q, want UTF-8", in, tab.Header)
		}
	}
	prev := 1
	for i, row := range tab.Rows {
		if len(row) != len(tab.Header) || blank(row) {
			t.Fatalf("Read(%q).Rows[%d] = %q, want %d fields, not all blank", in, i, row, len(tab.Header))
		}
		if tab.Lines[i] <= prev {
			t.Fatalf("Read(%q).Lines = %v, want increasing after the header", in, tab.Lines)
		}
		prev = tab.Lines[i]
		for _, s := range row {
			if !utf8.ValidString(s) {
				t.Fatalf("Read(%q).Rows[%d] = %q, want UTF-8", in, i, row)
			}
		}
	}
}
