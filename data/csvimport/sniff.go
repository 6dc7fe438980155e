package csvimport

import (
	"bytes"
	"path/filepath"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"

	"github.com/tavoli/tavoli/data"
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

var (
	utf8BOM    = []byte("\xEF\xBB\xBF")
	utf16LEBOM = []byte("\xFF\xFE")
	utf16BEBOM = []byte("\xFE\xFF")
)

// decode turns the file into text and says which encoding it was in: UTF-16 with its BOM (what Excel
// saves as "Testo Unicode"), UTF-8 with or without BOM, or Windows-1252 (Excel's "CSV (delimitato dal
// separatore di elenco)") when no byte sequence in the file is UTF-8 beyond ASCII.
//
// A file that has both, UTF-8 letters and bytes that are not UTF-8 (lines pasted from two files, or a
// UTF-8 file edited by an old program), is refused with the first line that is not: read as
// Windows-1252 it would turn every "ò" of its UTF-8 lines into "Ã²", and no guess can be right for the
// whole file. A Windows-1252 file can look like UTF-8 by chance ("È" then a non-breaking space): it is
// then refused too, with the same advice, rather than read wrong.
func decode(b []byte) (text, enc string, err error) {
	switch {
	case bytes.HasPrefix(b, utf16LEBOM):
		text, err = decodeUTF16(b, unicode.LittleEndian)
		enc = EncodingUTF16LE
	case bytes.HasPrefix(b, utf16BEBOM):
		text, err = decodeUTF16(b, unicode.BigEndian)
		enc = EncodingUTF16BE
	default:
		text, enc, err = decode8(b)
	}
	if err != nil {
		return "", "", err
	}
	// No CSV text holds a NUL; UTF-16 without a BOM, UTF-32 and binary files are full of them.
	if strings.IndexByte(text, 0) >= 0 {
		return "", "", data.Errorf(data.EInvalid, "err.csv.binary")
	}
	// Excel for Mac before 2016 ends lines with a lone CR, which encoding/csv keeps inside fields.
	if !strings.Contains(text, "\n") {
		text = strings.ReplaceAll(text, "\r", "\n")
	}
	return text, enc, nil
}

// decode8 reads a file of bytes: UTF-8, or Windows-1252 when nothing in it is UTF-8 beyond ASCII.
func decode8(b []byte) (text, enc string, err error) {
	if bytes.IndexByte(b, 0) >= 0 {
		return "", "", data.Errorf(data.EInvalid, "err.csv.binary")
	}
	rest, bom := bytes.CutPrefix(b, utf8BOM)
	switch {
	case utf8.Valid(rest) && bom:
		return string(rest), EncodingUTF8BOM, nil
	case utf8.Valid(rest):
		return string(rest), EncodingUTF8, nil
	case bom || hasUTF8Letters(rest):
		// The file says UTF-8, or shows it, and is not throughout.
		return "", "", data.Errorf(data.EInvalid, "err.csv.encoding", "line", lineAt(b, invalidUTF8At(b)),
			"encoding", "UTF-8")
	}
	d, err := charmap.Windows1252.NewDecoder().Bytes(b)
	if err != nil {
		return "", "", data.Errorf(data.EInternal, "err.csv.read").Wrap(err)
	}
	return string(d), EncodingWindows1252, nil
}

// hasUTF8Letters reports whether b holds a valid UTF-8 sequence of more than one byte.
func hasUTF8Letters(b []byte) bool {
	for len(b) > 0 {
		if b[0] < utf8.RuneSelf {
			b = b[1:]
			continue
		}
		_, n := utf8.DecodeRune(b)
		if n > 1 {
			return true
		}
		b = b[n:]
	}
	return false
}

// invalidUTF8At is the offset of the first byte of b that does not start valid UTF-8.
func invalidUTF8At(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return len(b)
}

// lineAt is the 1-based line of the byte at offset i: lines end with LF, or with a lone CR in a file
// that has no LF (as decode reads it).
func lineAt(b []byte, i int) int {
	eol := byte('\n')
	if bytes.IndexByte(b, '\n') < 0 {
		eol = '\r'
	}
	return bytes.Count(b[:i], []byte{eol}) + 1
}

// decodeUTF16 decodes UTF-16 that starts with its BOM. Text with an odd byte or half a surrogate pair is
// refused with its line: the decoder would carry replacement characters into names without telling.
func decodeUTF16(b []byte, order unicode.Endianness) (string, error) {
	if err := checkUTF16(b[2:], order == unicode.BigEndian); err != nil {
		return "", err
	}
	d, err := unicode.UTF16(order, unicode.ExpectBOM).NewDecoder().Bytes(b)
	if err != nil {
		return "", data.Errorf(data.EInternal, "err.csv.read").Wrap(err)
	}
	return string(d), nil
}

// checkUTF16 finds the first line of UTF-16 text (after its BOM) that is not whole.
func checkUTF16(b []byte, bigEndian bool) error {
	unit := func(i int) uint16 {
		if bigEndian {
			return uint16(b[i])<<8 | uint16(b[i+1])
		}
		return uint16(b[i+1])<<8 | uint16(b[i])
	}
	line, lf := 1, false
	for i := 0; i+1 < len(b); i += 2 {
		if unit(i) == '\n' {
			lf = true
			break
		}
	}
	bad := func() error {
		return data.Errorf(data.EInvalid, "err.csv.encoding", "line", line, "encoding", "UTF-16")
	}
	for i := 0; i < len(b); i += 2 {
		if i+1 == len(b) {
			return bad()
		}
		u := unit(i)
		switch {
		case u == '\n' || (u == '\r' && !lf):
			line++
		case utf16.IsSurrogate(rune(u)):
			if u >= 0xDC00 || i+3 >= len(b) || unit(i+2) < 0xDC00 || unit(i+2) > 0xDFFF {
				return bad()
			}
			i += 2
		}
	}
	return nil
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
