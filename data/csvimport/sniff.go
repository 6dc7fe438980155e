package csvimport

import (
	"bytes"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/tavoli/tavoli/data"
	"golang.org/x/text/encoding/charmap"
)

// spreadsheetMagic opens the files Excel and LibreOffice save by default: zip (.xlsx, .ods) and
// OLE compound documents (.xls).
var spreadsheetMagic = [][]byte{[]byte("PK\x03\x04"), []byte("\xD0\xCF\x11\xE0")}

// spreadsheetExt are the extensions of spreadsheet files, whatever their bytes.
var spreadsheetExt = map[string]bool{".xlsx": true, ".xlsm": true, ".xlsb": true, ".xls": true, ".ods": true}

// isSpreadsheet reports whether b, named filename, is a spreadsheet rather than CSV: the user saved
// the sheet in its own format, and the message tells them to save it as CSV.
func isSpreadsheet(b []byte, filename string) bool {
	for _, m := range spreadsheetMagic {
		if bytes.HasPrefix(b, m) {
			return true
		}
	}
	return spreadsheetExt[strings.ToLower(filepath.Ext(filename))]
}

var utf8BOM = []byte("\xEF\xBB\xBF")

// decode turns the file into text and says which encoding it was in.
func decode(b []byte) (text, enc string, err error) {
	// No CSV text holds a NUL; UTF-16 ("Testo Unicode" in Excel) and binary files are full of them.
	if bytes.IndexByte(b, 0) >= 0 {
		return "", "", data.Errorf(data.EInvalid, "err.csv.binary")
	}
	switch rest, bom := bytes.CutPrefix(b, utf8BOM); {
	case bom && !utf8.Valid(rest):
		// The file says UTF-8 and is not: any guess would change names without telling.
		return "", "", data.Errorf(data.EInvalid, "err.csv.binary")
	case bom:
		text, enc = string(rest), EncodingUTF8BOM
	case utf8.Valid(b):
		text, enc = string(b), EncodingUTF8
	default:
		d, err := charmap.Windows1252.NewDecoder().Bytes(b)
		if err != nil {
			return "", "", data.Errorf(data.EInternal, "err.csv.read").Wrap(err)
		}
		text, enc = string(d), EncodingWindows1252
	}
	// Excel for Mac before 2016 ends lines with a lone CR, which encoding/csv keeps inside fields.
	if !strings.Contains(text, "\n") {
		text = strings.ReplaceAll(text, "\r", "\n")
	}
	return text, enc, nil
}

// detectDelimiter picks the delimiter the header line uses most, counting outside quotes. Ties go to
// ';' (Excel in Italian), then tab; a header with none of them is one column, read with ','.
func detectDelimiter(text string) rune {
	counts := map[rune]int{}
	quoted, content := false, false
	for _, r := range text {
		switch {
		case r == '"':
			quoted = !quoted
		case quoted:
		case r == '\n':
			if content {
				return mostUsed(counts)
			}
			// A blank line before the header: look at the next one.
		case r == ';' || r == '\t' || r == ',':
			counts[r]++
			content = true
		case r != ' ' && r != '\r':
			content = true
		}
	}
	return mostUsed(counts)
}

// mostUsed returns the delimiter counted most, in the tie order detectDelimiter documents.
func mostUsed(counts map[rune]int) rune {
	best, n := ',', 0
	for _, d := range []rune{';', '\t', ','} {
		if counts[d] > n {
			best, n = d, counts[d]
		}
	}
	return best
}
