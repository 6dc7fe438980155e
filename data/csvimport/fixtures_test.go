package csvimport

import (
	"archive/zip"
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

var update = flag.Bool("update", false, "rewrite the generated fixtures under testdata")

// excelIT is what Excel for Windows in Italian writes with "CSV (delimitato dal separatore di
// elenco)": semicolons, CRLF, Windows-1252, quotes only around cells that need them, a line break
// typed with Alt+Enter as a bare LF inside quotes, and ";;;" rows for formatted cells below the list.
// The typographic apostrophe (0x92) and the euro (0x80) are where Windows-1252 differs from Latin-1.
const excelIT = "Cognome;Nome;Ente;Categoria;Comune;E-mail;Telefono;Note\r\n" +
	"Rossi;Niccolò;Azienda USL Umbria 1;ASL;Città della Pieve;niccolo.rossi@uslumbria1.it;075 5412345;\r\n" +
	"D'Angelo;Maria Grazia;Società Cooperativa Sociale «Il Girasole»;Cooperativa sociale;Città della Pieve;" +
	"info@ilgirasole.coop;0578 298765;\"Referente area minori; sostituisce la presidente\"\r\n" +
	"Bianchi;Lucia;Comune di Chiusi;Comune;Chiusi;l.bianchi@comune.chiusi.si.it;;" +
	"\"Assessora alle politiche sociali\nDelega del sindaco\"\r\n" +
	"Sant’Angelo;Fabrizio;\"Associazione \"\"Il Ponte\"\" ODV\";Volontariato;Castiglione del Lago;;333 1234567;" +
	"Quota associativa 10 €\r\n" +
	" Pellegrini ;Agnese;;Cittadino;Panicale;;;\r\n" +
	";;;;;;;\r\n" +
	";;;;;;;\r\n"

// excelUnicodeText is what Excel writes with "Testo Unicode": UTF-16LE with a BOM, tab-separated.
const excelUnicodeText = "Cognome\tNome\tEnte\r\nRossi\tNiccolò\tAzienda USL Umbria 1\r\n"

// mixedEncodings is a UTF-8 list into which someone pasted a row from a Windows-1252 file: line 14 is
// written in Windows-1252, the others in UTF-8. Read as Windows-1252 it would turn every "ò" of the
// other lines into "Ã²".
const mixedEncodings = "Cognome;Nome;Ente;Comune\r\n" +
	"Rossi;Niccolò;Azienda USL Umbria 1;Città della Pieve\r\n" +
	"D'Angelo;Maria Grazia;Comune di Chiusi;Chiusi\r\n" +
	"Bianchi;Lucia;Caritas diocesana;Chiusi\r\n" +
	"Fabbri;Zoë;Istituto Comprensivo «Pietro Vannucci»;Città della Pieve\r\n" +
	"Lombardi;Francesca;CGIL;Perugia\r\n" +
	"Mencarelli;Nicolò;Comune di Magione;Magione\r\n" +
	"Gori;Federico;Cooperativa sociale Tra le Torri;Panicale\r\n" +
	"Capaccioni;Elisa;Cooperativa sociale Il Girasole;Magione\r\n" +
	"Pucci;Matteo;Associazione Stranieri Insieme;Paciano\r\n" +
	"Lupi;Andrea;Pro Loco Paciano;Paciano\r\n" +
	"Tiberi;Marcello;;Piegaro\r\n" +
	"Nardi;Beatrice;;Castiglione del Lago\r\n" +
	"Bartolucci;Niccolò;Società Cooperativa Sociale «Il Girasole»;Città della Pieve\r\n" +
	"Mezzasoma;Zoè;Associazione Città Aperta;Magione\r\n"

// generated are the fixtures whose bytes are not UTF-8, kept as readable text here.
var generated = []struct {
	file   string
	encode func(text string) ([]byte, error)
	text   string
}{
	{"excel_it_1252.csv", whole(charmap.Windows1252), excelIT},
	{"excel_unicode_text.txt", whole(unicode.UTF16(unicode.LittleEndian, unicode.UseBOM)), excelUnicodeText},
	{"mixed_utf8_1252.csv", lineIn(charmap.Windows1252, 14), mixedEncodings},
}

// whole encodes text with enc.
func whole(enc encoding.Encoding) func(string) ([]byte, error) {
	return func(text string) ([]byte, error) { return enc.NewEncoder().Bytes([]byte(text)) }
}

// lineIn encodes text as UTF-8 but for its line n (1-based), which it writes with enc.
func lineIn(enc encoding.Encoding, n int) func(string) ([]byte, error) {
	return func(text string) ([]byte, error) {
		lines := strings.SplitAfter(text, "\n")
		b, err := enc.NewEncoder().String(lines[n-1])
		lines[n-1] = b
		return []byte(strings.Join(lines, "")), err
	}
}

// TestGeneratedFixtures keeps the encoded fixtures equal to their text; -update rewrites them.
func TestGeneratedFixtures(t *testing.T) {
	for _, g := range generated {
		t.Run(g.file, func(t *testing.T) {
			want, err := g.encode(g.text)
			if err != nil {
				t.Fatalf("encoding %s: %v", g.file, err)
			}
			path := filepath.Join("testdata", g.file)
			if *update {
				if err := os.WriteFile(path, want, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			if got := fixture(t, g.file); !bytes.Equal(got, want) {
				t.Errorf("%s differs from its text in fixtures_test.go: run go test -run TestGeneratedFixtures -update", path)
			}
		})
	}
}

// fixture returns the bytes of a file under testdata.
func fixture(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// tinyXLSX builds the smallest workbook Excel opens: one sheet, cells A1 "Cognome" and A2 "Rossi".
func tinyXLSX(t *testing.T) []byte {
	t.Helper()
	parts := []struct{ name, body string }{
		{"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
</Types>`},
		{"_rels/.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
</Relationships>`},
		{"xl/workbook.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<sheets><sheet name="Partecipanti" sheetId="1" r:id="rId1"/></sheets>
</workbook>`},
		{"xl/_rels/workbook.xml.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
</Relationships>`},
		{"xl/worksheets/sheet1.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" t="inlineStr"><is><t>Cognome</t></is></c></row>
<row r="2"><c r="A2" t="inlineStr"><is><t>Rossi</t></is></c></row>
</sheetData></worksheet>`},
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range parts {
		w, err := zw.Create(p.name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(p.body)); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
