package csvimport

import (
	"bytes"
	"encoding/csv"
	"errors"
	"reflect"
	"strings"
	"testing"
	"testing/iotest"
	"unicode/utf8"

	"golang.org/x/text/encoding/unicode"

	"github.com/tavoli/tavoli/data"
)

func TestReadFixtures(t *testing.T) {
	tests := []struct {
		file string
		want *Table
	}{
		{"excel_it_1252.csv", &Table{
			Encoding:  EncodingWindows1252,
			Delimiter: ';',
			Header:    []string{"Cognome", "Nome", "Ente", "Categoria", "Comune", "E-mail", "Telefono", "Note"},
			Rows: [][]string{
				{"Rossi", "Niccolò", "Azienda USL Umbria 1", "ASL", "Città della Pieve",
					"niccolo.rossi@uslumbria1.it", "075 5412345", ""},
				{"D'Angelo", "Maria Grazia", "Società Cooperativa Sociale «Il Girasole»", "Cooperativa sociale",
					"Città della Pieve", "info@ilgirasole.coop", "0578 298765",
					"Referente area minori; sostituisce la presidente"},
				{"Bianchi", "Lucia", "Comune di Chiusi", "Comune", "Chiusi", "l.bianchi@comune.chiusi.si.it", "",
					"Assessora alle politiche sociali\nDelega del sindaco"},
				{"Sant’Angelo", "Fabrizio", `Associazione "Il Ponte" ODV`, "Volontariato", "Castiglione del Lago",
					"", "333 1234567", "Quota associativa 10 €"},
				{" Pellegrini ", "Agnese", "", "Cittadino", "Panicale", "", "", ""},
			},
			// Bianchi's notes take two lines, so Sant'Angelo starts on line 6.
			Lines: []int{2, 3, 4, 6, 7},
		}},
		{"libreoffice_utf8.csv", &Table{
			Encoding:  EncodingUTF8,
			Delimiter: ',',
			Header:    []string{"Cognome", "Nome", "Organizzazione", "Tipo", "Città", "Email", "Cellulare", "Note"},
			Rows: [][]string{
				{"Bellucci", "Zoë", "Istituto Comprensivo «Pietro Vannucci»", "Scuola", "Città della Pieve",
					"zoe.bellucci@icvannucci.edu.it", "", ""},
				{"Fabbri", "Niccolò", "Caritas diocesana, sede di Chiusi", "Associazione", "Chiusi", "",
					"347 7654321", ""},
				{"Lombardi", "Francesca", "CGIL", "Sindacato", "Perugia", "f.lombardi@cgil.it", "",
					"Disponibile il martedì, non il venerdì"},
			},
			Lines: []int{2, 3, 4},
		}},
		{"excel_utf8_bom_en.csv", &Table{
			Encoding:  EncodingUTF8BOM,
			Delimiter: ',',
			// The BOM is gone from the first header.
			Header: []string{"Last name", "First name", "Organization", "Category", "Town", "Email address",
				"Mobile", "Notes"},
			Rows: [][]string{
				{"O'Brien", "Siobhán", "Health Authority Umbria 1", "Health authority", "Città della Pieve",
					"s.obrien@example.org", "+39 333 0000001", ""},
				{"Müller", "Jürgen", `Cooperative "La Rete"`, "Social cooperative", "Chiusi", "", "",
					"Speaks Italian, German"},
			},
			Lines: []int{2, 3},
		}},
		{"excel_unicode_text.txt", &Table{
			Encoding:  EncodingUTF16LE,
			Delimiter: '\t',
			Header:    []string{"Cognome", "Nome", "Ente"},
			Rows:      [][]string{{"Rossi", "Niccolò", "Azienda USL Umbria 1"}},
			Lines:     []int{2},
		}},
		{"row_no_name.csv", &Table{
			Encoding:  EncodingUTF8,
			Delimiter: ';',
			Header:    []string{"Cognome", "Nome", "Ente", "E-mail"},
			Rows: [][]string{
				{"Rossi", "Mario", "ASL Umbria 1", "m.rossi@example.org"},
				{"Verdi", "Anna", "Comune di Chiusi", ""},
				{"Neri", "Paolo", "Caritas", ""},
				{"", "", "Cooperativa Il Girasole", "info@ilgirasole.coop"},
			},
			Lines: []int{2, 3, 4, 5},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			got, err := Read(bytes.NewReader(fixture(t, tt.file)), tt.file)
			if err != nil {
				t.Fatalf("Read(%q) = %v, want a table", tt.file, err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Read(%q) = %+v, want %+v", tt.file, got, tt.want)
			}
		})
	}
}

// TestReadWindows1252Bytes checks at byte level that accents survive: the fixture really is
// Windows-1252, and what comes out is UTF-8.
func TestReadWindows1252Bytes(t *testing.T) {
	const file = "excel_it_1252.csv"
	in := fixture(t, file)
	if utf8.Valid(in) || !bytes.Contains(in, []byte("Citt\xe0 della Pieve")) {
		t.Fatalf("%s is not Windows-1252", file)
	}
	got, err := Read(bytes.NewReader(in), file)
	if err != nil {
		t.Fatalf("Read(%q) = %v, want a table", file, err)
	}
	cells := []struct {
		row, col int
		want     string
	}{
		{0, 1, "Niccol\xc3\xb2"},
		{0, 4, "Citt\xc3\xa0 della Pieve"},
		{1, 2, "Societ\xc3\xa0 Cooperativa Sociale \xc2\xabIl Girasole\xc2\xbb"},
		{3, 0, "Sant\xe2\x80\x99Angelo"},
		{3, 7, "Quota associativa 10 \xe2\x82\xac"},
	}
	for _, c := range cells {
		if g := got.Rows[c.row][c.col]; g != c.want {
			t.Errorf("Read(%q) row %d column %d = %q, want %q", file, c.row, c.col, g, c.want)
		}
	}
}

func TestReadText(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want *Table
	}{
		{"tab", "Cognome\tNome\r\nRossi\tMario\r\n", &Table{
			Encoding: EncodingUTF8, Delimiter: '\t', Header: []string{"Cognome", "Nome"},
			Rows: [][]string{{"Rossi", "Mario"}}, Lines: []int{2},
		}},
		{"lone CR line ends", "Cognome;Nome\rRossi;Mario\rVerdi;Anna\r", &Table{
			Encoding: EncodingUTF8, Delimiter: ';', Header: []string{"Cognome", "Nome"},
			Rows: [][]string{{"Rossi", "Mario"}, {"Verdi", "Anna"}}, Lines: []int{2, 3},
		}},
		{"tie goes to semicolon", "Cognome, nome;Ente\nRossi, Mario;ASL\n", &Table{
			Encoding: EncodingUTF8, Delimiter: ';', Header: []string{"Cognome, nome", "Ente"},
			Rows: [][]string{{"Rossi, Mario", "ASL"}}, Lines: []int{2},
		}},
		{"delimiters inside quotes not counted", "\"Cognome; nome; titolo\",Ente\n\"Rossi; Mario; dott.\",ASL\n", &Table{
			Encoding: EncodingUTF8, Delimiter: ',', Header: []string{"Cognome; nome; titolo", "Ente"},
			Rows: [][]string{{"Rossi; Mario; dott.", "ASL"}}, Lines: []int{2},
		}},
		{"blank lines before header", "\r\n;;\r\nCognome;Nome;Ente\r\nRossi;Mario;ASL\r\n", &Table{
			Encoding: EncodingUTF8, Delimiter: ';', Header: []string{"Cognome", "Nome", "Ente"},
			Rows: [][]string{{"Rossi", "Mario", "ASL"}}, Lines: []int{4},
		}},
		{"blank rows of any length skipped", "Cognome;Nome;Ente\nRossi;Mario;ASL\n;\n  ; ;\t\nVerdi;Anna;Comune\n", &Table{
			Encoding: EncodingUTF8, Delimiter: ';', Header: []string{"Cognome", "Nome", "Ente"},
			Rows: [][]string{{"Rossi", "Mario", "ASL"}, {"Verdi", "Anna", "Comune"}}, Lines: []int{2, 5},
		}},
		{"one column", "Cognome\nRossi\n", &Table{
			Encoding: EncodingUTF8, Delimiter: ',', Header: []string{"Cognome"},
			Rows: [][]string{{"Rossi"}}, Lines: []int{2},
		}},
		{"no final line end", "Cognome;Nome\nRossi;Mario", &Table{
			Encoding: EncodingUTF8, Delimiter: ';', Header: []string{"Cognome", "Nome"},
			Rows: [][]string{{"Rossi", "Mario"}}, Lines: []int{2},
		}},
		{"two-line field mid-row", "Cognome;Note;Ente\nRossi;\"uno\ndue\";ASL\nVerdi;tre;Caritas\n", &Table{
			Encoding: EncodingUTF8, Delimiter: ';', Header: []string{"Cognome", "Note", "Ente"},
			Rows: [][]string{{"Rossi", "uno\ndue", "ASL"}, {"Verdi", "tre", "Caritas"}}, Lines: []int{2, 4},
		}},
		{"CRLF inside quotes", "Cognome;Note\r\nRossi;\"uno\r\ndue\"\r\nVerdi;tre\r\n", &Table{
			Encoding: EncodingUTF8, Delimiter: ';', Header: []string{"Cognome", "Note"},
			Rows: [][]string{{"Rossi", "uno\ndue"}, {"Verdi", "tre"}}, Lines: []int{2, 4},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Read(strings.NewReader(tt.in), "elenco.csv")
			if err != nil {
				t.Fatalf("Read(%q) = %v, want a table", tt.in, err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Read(%q) = %+v, want %+v", tt.in, got, tt.want)
			}
		})
	}
}

func TestReadErrors(t *testing.T) {
	xlsx := tinyXLSX(t)
	ole := []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00\x00\x00\x00")
	tests := []struct {
		name     string
		in       []byte
		filename string
		code     data.Code
		key      string
		args     map[string]any
	}{
		{"xlsx", xlsx, "elenco.xlsx", data.EUnsupported, "err.csv.spreadsheet", map[string]any{"file": "elenco.xlsx"}},
		{"xlsx named csv", xlsx, "elenco.csv", data.EUnsupported, "err.csv.spreadsheet", map[string]any{"file": "elenco.csv"}},
		{"xls", ole, "elenco.xls", data.EUnsupported, "err.csv.spreadsheet", nil},
		{"ods by extension", []byte("Cognome;Nome\nRossi;Mario\n"), "Elenco.ODS", data.EUnsupported, "err.csv.spreadsheet", nil},
		{"NUL byte", []byte("Cognome;Nome\r\nRossi;Ma\x00rio\r\n"), "elenco.csv", data.EInvalid, "err.csv.binary", nil},
		{"UTF-16 without BOM", utf16LE(t, "Cognome;Nome\r\nRossi;Mario\r\n")[2:], "elenco.csv", data.EInvalid, "err.csv.binary", nil},
		{"UTF-32 with BOM", []byte("\xFF\xFE\x00\x00C\x00\x00\x00o\x00\x00\x00"), "elenco.txt", data.EInvalid, "err.csv.binary", nil},
		{"NUL in UTF-16", utf16LE(t, "Cognome;Nome\r\nRossi;Ma\x00rio\r\n"), "elenco.txt", data.EInvalid, "err.csv.binary", nil},
		{"UTF-8 and a Windows-1252 line", fixture(t, "mixed_utf8_1252.csv"), "elenco.csv", data.EInvalid, "err.csv.encoding",
			map[string]any{"line": 14, "encoding": "UTF-8"}},
		{"BOM then Windows-1252", []byte("\xEF\xBB\xBFCognome;Nome\r\nRossi;Niccol\xF2\r\n"), "elenco.csv", data.EInvalid, "err.csv.encoding",
			map[string]any{"line": 2, "encoding": "UTF-8"}},
		{"mixed, lone CR line ends", []byte("Cognome;Nome\rCittà;Anna\rRossi;Niccol\xF2\r"), "elenco.csv", data.EInvalid, "err.csv.encoding",
			map[string]any{"line": 3}},
		{"mixed in a two-line field", []byte("Cognome;Note\nRossi;\"Città\ndue\"\nVerdi;Niccol\xF2\n"), "elenco.csv", data.EInvalid, "err.csv.encoding",
			map[string]any{"line": 4}},
		{"UTF-16 odd byte", append(utf16LE(t, "Cognome\tNome\r\nRossi\tMario\r\n"), 'x'), "elenco.txt", data.EInvalid, "err.csv.encoding",
			map[string]any{"line": 3, "encoding": "UTF-16"}},
		{"UTF-16 half a surrogate pair", utf16LE(t, "Cognome\tNome\r\nRossi\t\U0001F600\r\n")[:len(utf16LE(t, "Cognome\tNome\r\nRossi\t"))+2],
			"elenco.txt", data.EInvalid, "err.csv.encoding", map[string]any{"line": 2, "encoding": "UTF-16"}},
		{"UTF-16 low surrogate alone", append(utf16LE(t, "Cognome\tNome\r\nRossi\t"), 0x00, 0xDC, 'M', 0), "elenco.txt", data.EInvalid,
			"err.csv.encoding", map[string]any{"line": 2, "encoding": "UTF-16"}},
		{"empty", fixture(t, "empty.csv"), "empty.csv", data.EInvalid, "err.csv.empty", nil},
		{"BOM only", []byte("\xEF\xBB\xBF"), "elenco.csv", data.EInvalid, "err.csv.empty", nil},
		{"blank lines only", []byte("\r\n  \r\n"), "elenco.csv", data.EInvalid, "err.csv.empty", nil},
		{"blank rows only", []byte(";;;;\r\n;;;;\r\n"), "elenco.csv", data.EInvalid, "err.csv.empty", nil},
		{"header only", fixture(t, "header_only.csv"), "header_only.csv", data.EInvalid, "err.csv.header_only", nil},
		{"header and blank rows", []byte("Cognome;Nome;Ente\r\n;;\r\n;;\r\n"), "elenco.csv", data.EInvalid, "err.csv.header_only", nil},
		{"quote never closed", fixture(t, "broken_quote.csv"), "broken_quote.csv", data.EInvalid, "err.csv.quote", map[string]any{"line": 4}},
		{"bare quote", []byte("Cognome;Nome\nRossi;Ma\"rio\n"), "elenco.csv", data.EInvalid, "err.csv.quote", map[string]any{"line": 2}},
		{"quote after a two-line field", []byte("Cognome;Note\nRossi;\"uno\ndue\"\nVerdi;\"tre\"x\n"), "elenco.csv", data.EInvalid, "err.csv.quote", map[string]any{"line": 4}},
		{"extra field", fixture(t, "broken_fields.csv"), "broken_fields.csv", data.EInvalid, "err.csv.fields", map[string]any{"line": 3, "got": 5, "want": 4}},
		{"missing field", []byte("Cognome;Nome;Ente\r\nRossi;Mario\r\n"), "elenco.csv", data.EInvalid, "err.csv.fields", map[string]any{"line": 2, "got": 2, "want": 3}},
		{"missing field after a two-line field", []byte("Cognome;Note\nRossi;\"uno\ndue\"\nVerdi\n"), "elenco.csv", data.EInvalid, "err.csv.fields", map[string]any{"line": 4, "got": 1, "want": 2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Read(bytes.NewReader(tt.in), tt.filename)
			if got != nil || data.ErrorCode(err) != tt.code {
				t.Fatalf("Read(%q) = %v, %v, want nil and code %v", tt.filename, got, err, tt.code)
			}
			e := data.AsError(err)
			if e.Key != tt.key {
				t.Errorf("Read(%q) = %v, want key %v", tt.filename, err, tt.key)
			}
			for k, want := range tt.args {
				if e.Args[k] != want {
					t.Errorf("Read(%q) = %v, want %s=%v", tt.filename, err, k, want)
				}
			}
		})
	}
}

func TestReadKeepsCause(t *testing.T) {
	t.Run("read", func(t *testing.T) {
		cause := errors.New("disk unplugged")
		_, err := Read(iotest.ErrReader(cause), "elenco.csv")
		if data.ErrorCode(err) != data.EInternal || data.AsError(err).Key != "err.csv.read" || !errors.Is(err, cause) {
			t.Errorf("Read(failing reader) = %v, want err.csv.read wrapping %v", err, cause)
		}
	})
	t.Run("quote", func(t *testing.T) {
		_, err := Read(bytes.NewReader(fixture(t, "broken_quote.csv")), "broken_quote.csv")
		var pe *csv.ParseError
		if !errors.As(err, &pe) || !errors.Is(err, csv.ErrQuote) {
			t.Errorf("Read(%q) = %v, want it to wrap a csv.ParseError", "broken_quote.csv", err)
		}
	})
}

// utf16LE is text in UTF-16LE with its BOM, as Excel's "Testo Unicode" writes it.
func utf16LE(t *testing.T, text string) []byte {
	t.Helper()
	b, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes([]byte(text))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestReadUTF16 reads UTF-16 in both byte orders, with letters outside the first plane (a surrogate
// pair) and a field over two lines.
func TestReadUTF16(t *testing.T) {
	const text = "Cognome\tNome\tNote\r\nRossi\tNiccolò\t\"uno\r\ndue 𝒜\"\r\nSant’Angelo\tZoë\t€ 10\r\n"
	want := &Table{Delimiter: '\t', Header: []string{"Cognome", "Nome", "Note"},
		Rows:  [][]string{{"Rossi", "Niccolò", "uno\ndue 𝒜"}, {"Sant’Angelo", "Zoë", "€ 10"}},
		Lines: []int{2, 4}}
	for _, tt := range []struct {
		order unicode.Endianness
		enc   string
	}{{unicode.LittleEndian, EncodingUTF16LE}, {unicode.BigEndian, EncodingUTF16BE}} {
		t.Run(tt.enc, func(t *testing.T) {
			in, err := unicode.UTF16(tt.order, unicode.UseBOM).NewEncoder().Bytes([]byte(text))
			if err != nil {
				t.Fatal(err)
			}
			got, err := Read(bytes.NewReader(in), "elenco.txt")
			want.Encoding = tt.enc
			if err != nil || !reflect.DeepEqual(got, want) {
				t.Errorf("Read(%s) = %+v, %v; want %+v", tt.enc, got, err, want)
			}
		})
	}
}
