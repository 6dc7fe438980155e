package csvimport

import (
	"bytes"
	"reflect"
	"strings"
	"testing"

	"github.com/tavoli/tavoli/data"
)

func TestPeopleFixtures(t *testing.T) {
	tests := []struct {
		file string
		want []data.PersonImport
	}{
		{"excel_it_1252.csv", []data.PersonImport{
			{Line: 2, Surname: "Rossi", Name: "Niccolò", Organisation: "Azienda USL Umbria 1", Category: "ASL",
				Comune: "Città della Pieve", Email: "niccolo.rossi@uslumbria1.it", Phone: "075 5412345"},
			{Line: 3, Surname: "D'Angelo", Name: "Maria Grazia", Organisation: "Società Cooperativa Sociale «Il Girasole»",
				Category: "Cooperativa sociale", Comune: "Città della Pieve", Email: "info@ilgirasole.coop",
				Phone: "0578 298765", Notes: "Referente area minori; sostituisce la presidente"},
			{Line: 4, Surname: "Bianchi", Name: "Lucia", Organisation: "Comune di Chiusi", Category: "Comune",
				Comune: "Chiusi", Email: "l.bianchi@comune.chiusi.si.it",
				Notes: "Assessora alle politiche sociali\nDelega del sindaco"},
			{Line: 6, Surname: "Sant’Angelo", Name: "Fabrizio", Organisation: `Associazione "Il Ponte" ODV`,
				Category: "Volontariato", Comune: "Castiglione del Lago", Phone: "333 1234567",
				Notes: "Quota associativa 10 €"},
			{Line: 7, Surname: "Pellegrini", Name: "Agnese", Category: "Cittadino", Comune: "Panicale"},
		}},
		{"excel_utf8_bom_en.csv", []data.PersonImport{
			{Line: 2, Surname: "O'Brien", Name: "Siobhán", Organisation: "Health Authority Umbria 1",
				Category: "Health authority", Comune: "Città della Pieve", Email: "s.obrien@example.org",
				Phone: "+39 333 0000001"},
			{Line: 3, Surname: "Müller", Name: "Jürgen", Organisation: `Cooperative "La Rete"`,
				Category: "Social cooperative", Comune: "Chiusi", Notes: "Speaks Italian, German"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			tab, err := Read(bytes.NewReader(fixture(t, tt.file)), tt.file)
			if err != nil {
				t.Fatalf("Read(%q) = %v, want a table", tt.file, err)
			}
			m := Guess(tab.Header)
			got, err := tab.People(m)
			if err != nil || !reflect.DeepEqual(got, tt.want) {
				t.Errorf("People(%q) = %+v, %v, want %+v", m, got, err, tt.want)
			}
		})
	}
}

func TestPeople(t *testing.T) {
	tests := []struct {
		name string
		in   string
		m    Mapping // nil: Guess from the header
		want []data.PersonImport
	}{
		{"two columns in one field",
			"Cognome;Nome;Secondo nome;Note;Note 2\nRossi;Maria;Grazia;delegata;supplente\nVerdi;Anna;;;assente\n",
			Mapping{FieldSurname, FieldName, FieldName, FieldNotes, FieldNotes},
			[]data.PersonImport{
				{Line: 2, Surname: "Rossi", Name: "Maria Grazia", Notes: "delegata; supplente"},
				{Line: 3, Surname: "Verdi", Name: "Anna", Notes: "assente"},
			}},
		{"rows with only ignored columns skipped",
			"N.;Cognome;Nome\n1;Rossi;Mario\n2;;\n3;  ;\n", nil,
			[]data.PersonImport{{Line: 2, Surname: "Rossi", Name: "Mario"}}},
		{"mapping shorter than the header",
			"Cognome;Nome;Ente\nRossi;Mario;ASL\n", Mapping{FieldSurname},
			[]data.PersonImport{{Line: 2, Surname: "Rossi"}}},
		{"surname without name",
			"Cognome;Nome\nRossi;\n", nil,
			[]data.PersonImport{{Line: 2, Surname: "Rossi"}}},
		{"title and sex guessed from the header",
			"Cognome;Nome;Titolo;Sesso\nBellucci;Federica;Sindaca;F\nRossi;Mario;;uomo\n", nil,
			[]data.PersonImport{
				{Line: 2, Surname: "Bellucci", Name: "Federica", Title: "Sindaca", Gender: "F"},
				{Line: 3, Surname: "Rossi", Name: "Mario", Gender: "uomo"},
			}},
		{"genere",
			"Cognome;Genere\nBellucci;femmina\n", nil,
			[]data.PersonImport{{Line: 2, Surname: "Bellucci", Gender: "femmina"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tab := mustRead(t, tt.in)
			m := tt.m
			if m == nil {
				m = Guess(tab.Header)
			}
			got, err := tab.People(m)
			if err != nil || !reflect.DeepEqual(got, tt.want) {
				t.Errorf("People(%q) = %+v, %v, want %+v", m, got, err, tt.want)
			}
		})
	}
}

func TestPeopleErrors(t *testing.T) {
	tests := []struct {
		name string
		in   string
		m    Mapping // nil: Guess from the header
		key  string
		args map[string]any
	}{
		{"no surname column", "Nome;Ente\nMario;ASL\n", nil, "err.csv.no_name_column", nil},
		{"surname column unmapped", "Cognome;Nome\nRossi;Mario\n", Mapping{FieldIgnore, FieldName}, "err.csv.no_name_column", nil},
		{"row with no name", string(fixture(t, "row_no_name.csv")), nil, "err.csv.row_no_name", map[string]any{"line": 5}},
		{"row with name only", "Cognome;Nome;Ente\r\nRossi;Mario;ASL\r\n  ;Anna;Comune di Chiusi\r\n", nil,
			"err.csv.row_no_surname", map[string]any{"line": 3, "name": "Anna"}},
		{"first bad row named", "Cognome;Nome;Ente\nRossi;Mario;ASL\n;;Caritas\n;Anna;Comune\n", nil,
			"err.csv.row_no_name", map[string]any{"line": 3}},
		{"nothing in the mapped columns", "N.;Cognome;Nome\n1;;\n2;;\n", nil, "err.csv.header_only", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tab := mustRead(t, tt.in)
			m := tt.m
			if m == nil {
				m = Guess(tab.Header)
			}
			got, err := tab.People(m)
			e := data.AsError(err)
			if got != nil || e == nil || e.Code != data.EInvalid || e.Key != tt.key {
				t.Fatalf("People(%q) = %v, %v, want nil and %s", m, got, err, tt.key)
			}
			for k, want := range tt.args {
				if e.Args[k] != want {
					t.Errorf("People(%q) = %v, want %s=%v", m, err, k, want)
				}
			}
		})
	}
}

// mustRead reads CSV text that the test expects to be well formed.
func mustRead(t *testing.T, s string) *Table {
	t.Helper()
	tab, err := Read(strings.NewReader(s), "elenco.csv")
	if err != nil {
		t.Fatalf("Read(%q) = %v, want a table", s, err)
	}
	return tab
}
