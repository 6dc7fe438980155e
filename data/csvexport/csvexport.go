// Package csvexport writes lists as CSV files that a spreadsheet set up for Italy opens as they are:
// Excel and LibreOffice in Italian expect a semicolon between cells (the comma is the decimal
// separator), and Excel reads a file as UTF-8 only when it starts with a byte order mark, falling back
// to the Windows code page otherwise ("Priorità" would come out as "PrioritÃ ").
package csvexport

import (
	"encoding/csv"
	"io"
	"strings"
)

// bom is the UTF-8 byte order mark.
const bom = "\uFEFF"

// writer starts a file on w (the byte order mark) and returns a CSV writer with the Italian settings.
func writer(w io.Writer) (*csv.Writer, error) {
	if _, err := io.WriteString(w, bom); err != nil {
		return nil, err
	}
	cw := csv.NewWriter(w)
	cw.Comma = ';'
	cw.UseCRLF = true
	return cw, nil
}

// cell makes a value safe to open in a spreadsheet. A cell that starts with = + - or @ is read by
// Excel and LibreOffice as a formula, even from a CSV file: a proposal typed at a table as
// "=HYPERLINK(…)" or "+39…" would run, or show an error, on the secretary's computer (CSV or formula
// injection). A leading apostrophe makes it text; tab and carriage return are guarded too, being on
// OWASP's list of the characters that start one. The cost is a visible apostrophe before a text that
// honestly starts with a dash or a plus, which a reader understands and a formula cannot exploit.
func cell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
