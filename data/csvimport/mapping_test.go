package csvimport

import (
	"slices"
	"testing"
)

func TestGuess(t *testing.T) {
	all := Mapping{FieldSurname, FieldName, FieldOrganisation, FieldCategory, FieldComune, FieldEmail,
		FieldPhone, FieldNotes}
	tests := []struct {
		name   string
		header []string
		want   Mapping
	}{
		{"Excel in Italian", []string{"Cognome", "Nome", "Ente", "Categoria", "Comune", "E-mail", "Telefono", "Note"}, all},
		{"LibreOffice", []string{"Cognome", "Nome", "Organizzazione", "Tipo", "Città", "Email", "Cellulare", "Note"}, all},
		{"English", []string{"Last name", "First name", "Organization", "Category", "Town", "Email address", "Mobile", "Notes"}, all},
		{"case, accents, spaces, punctuation", []string{" COGNOME ", "nome*", "Società", "Tipologia  ente",
			"Citta'", "E-Mail", "Tel.", "NOTE"}, all},
		{"longer Italian headers", []string{"Posta elettronica", "Comune di residenza", "Ente di appartenenza",
			"Numero di telefono", "Cognome", "Nome"},
			Mapping{FieldEmail, FieldComune, FieldOrganisation, FieldPhone, FieldSurname, FieldName}},
		{"other English headers", []string{"Family name", "Given name", "Municipality", "Organisation", "Phone", "Type"},
			Mapping{FieldSurname, FieldName, FieldComune, FieldOrganisation, FieldPhone, FieldCategory}},
		{"first column wins", []string{"Nome", "Cognome", "Telefono", "Cellulare", "Nome"},
			Mapping{FieldName, FieldSurname, FieldPhone, FieldIgnore, FieldIgnore}},
		{"unknown headers ignored", []string{"N.", "Data di nascita", "", "Cognome", "Nominativo"},
			Mapping{FieldIgnore, FieldIgnore, FieldIgnore, FieldSurname, FieldIgnore}},
		{"no header", nil, Mapping{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Guess(tt.header); !slices.Equal(got, tt.want) || len(got) != len(tt.header) {
				t.Errorf("Guess(%q) = %q, want %q", tt.header, got, tt.want)
			}
		})
	}
}

// TestHeaderWords catches an entry Guess could never match: one not already in headerKey's form, or
// naming a field the interface does not offer.
func TestHeaderWords(t *testing.T) {
	for w, f := range headerWords {
		if k := headerKey(w); k != w {
			t.Errorf("headerKey(%q) = %q, want the entry unchanged", w, k)
		}
		if !slices.Contains(Fields, f) {
			t.Errorf("headerWords[%q] = %q, want one of %q", w, f, Fields)
		}
	}
}
