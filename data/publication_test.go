package data

import "testing"

func TestReservedTexts(t *testing.T) {
	tests := []struct {
		name, in, full, public string
	}{
		{"no marks", "Nessun passaggio riservato [sic].", "Nessun passaggio riservato [sic].", "Nessun passaggio riservato [sic]."},
		{"one passage", "Sciarrini [riservato]racconta delle visite perse[/riservato] e propone una navetta.",
			"Sciarrini racconta delle visite perse e propone una navetta.", "Sciarrini [omissis] e propone una navetta."},
		{"any case", "A [RISERVATO]b[/Riservato] c", "A b c", "A [omissis] c"},
		{"two passages", "[riservato]uno[/riservato], due, [riservato]tre[/riservato].", "uno, due, tre.", "[omissis], due, [omissis]."},
		{"never closed hides the rest", "Inizio. [riservato]Tutto il resto.\nAnche qui.", "Inizio. Tutto il resto.\nAnche qui.", "Inizio. [omissis]"},
		{"a closing mark alone is dropped", "Testo[/riservato] pubblico.", "Testo pubblico.", "Testo pubblico."},
		{"nested", "a [riservato]b [riservato]c[/riservato] d[/riservato] e", "a b c d e", "a [omissis] e"},
		{"across paragraphs", "Uno.\n[riservato]Due.\n\nTre.[/riservato]\nQuattro.", "Uno.\nDue.\n\nTre.\nQuattro.", "Uno.\n[omissis]\nQuattro."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := FullText(tt.in); got != tt.full {
				t.Errorf("FullText(%q) = %q, want %q", tt.in, got, tt.full)
			}
			if got := PublicText(tt.in); got != tt.public {
				t.Errorf("PublicText(%q) = %q, want %q", tt.in, got, tt.public)
			}
			if got, want := HasReserved(tt.in), tt.full != tt.in; got != want {
				t.Errorf("HasReserved(%q) = %v, want %v", tt.in, got, want)
			}
		})
	}
}

func TestMarkReserved(t *testing.T) {
	tests := []struct {
		s        string
		from, to int
		want     string
		cursor   int
	}{
		{"Mario ha perso due visite.", 6, 25, "Mario [riservato]ha perso due visite[/riservato].", 48},
		{"Mario ha perso due visite.", 25, 6, "Mario [riservato]ha perso due visite[/riservato].", 48},
		{"una parola qui", 3, 11, "una [riservato]parola[/riservato] qui", 33},
		{"vuoto", 5, 5, "vuoto[riservato][/riservato]", 28},
	}
	for _, tt := range tests {
		got, cursor := MarkReserved(tt.s, tt.from, tt.to)
		if got != tt.want || cursor != tt.cursor {
			t.Errorf("MarkReserved(%q, %d, %d) = %q, %d, want %q, %d", tt.s, tt.from, tt.to, got, cursor, tt.want, tt.cursor)
		}
		if PublicText(got) == got {
			t.Errorf("PublicText(%q) hides nothing", got)
		}
	}
}

func TestInitials(t *testing.T) {
	tests := []struct {
		name, surname, prose, listed string
	}{
		{"Mario", "Rossi", "R. M.", "R. M."},
		{"Anna Maria", "Lombardi", "L. A. M.", "L. A. M."},
		{"Lucia", "D'Angelo", "D. L.", "D. L."},
		{"Paolo", "De Santis", "D. S. P.", "D. S. P."},
		{"Gian-Luca", "Òrfei", "Ò. G. L.", "Ò. G. L."},
		{"", "Sciarrini", "S.", "S."},
	}
	for _, tt := range tests {
		n := Naming{Name: tt.name, Surname: tt.surname, Gender: GenderFemminile}.Initials()
		if n.Prose() != tt.prose || n.Listed() != tt.listed || n.Gender != GenderFemminile {
			t.Errorf("Initials(%q %q) = %q / %q (%v), want %q / %q", tt.name, tt.surname, n.Prose(), n.Listed(), n.Gender, tt.prose, tt.listed)
		}
	}
}

func TestRedactionText(t *testing.T) {
	private := []Private{
		{ID: "sc", Naming: Naming{Name: "Adriano", Surname: "Sciarrini"}},
		{ID: "da", Naming: Naming{Name: "Lucia", Surname: "D'Angelo"}},
		{ID: "ro", Naming: Naming{Name: "Anna Maria", Surname: "Rossi"}},
		{ID: "co", Naming: Naming{Name: "Giuseppina", Surname: "Conti"}},
	}
	r := NewRedaction(private, "sc", "da")
	tests := []struct{ in, want string }{
		{"Sciarrini Adriano...", "S. A...."},                  // an ellipsis stays
		{"Interviene Adriano Sciarrini.", "Interviene S. A."}, // one full stop,
		{"SCIARRINI ADRIANO chiede la parola", "S. A. chiede la parola"},
		{"Sciarrini, cittadino di Magione, racconta", "S., cittadino di Magione, racconta"},
		{"la famiglia sciarrini", "la famiglia sciarrini"}, // the surname alone only where capitalised
		{"Lucia D’Angelo e D'Angelo", "D. L. e D."},
		{"la proposta dell'Adriano Sciarrini e l'Sciarrini", "la proposta dell'S. A. e l'S."},
		{"dell'amico, l'Ambito", "dell'amico, l'Ambito"},
		{"Anna Maria Rossi e Maria Rossi", "R. A. M. e Maria Rossi"},
		{"Rossi da sola resta", "Rossi da sola resta"},                  // not near: the surname alone stays
		{"Conti alla mano, Giuseppina Conti", "Conti alla mano, C. G."}, // the same
		{"Adriano\nSciarrini", "S. A."},                                 // a name broken across lines too
		{"Scrivere a mario.rossi@example.it o al 075 1234567.", "Scrivere a [omissis] o al [omissis]."},
		{"Cell. +39 333 123 4567, fisso 075/9876543", "Cell. [omissis], fisso [omissis]"},
		{"Prot. n. 12345 del 2026, € 12.000, ore 15:30", "Prot. n. 12345 del 2026, € 12.000, ore 15:30"},
		{"IBAN IT60X0542811101000000123456", "IBAN IT60X0542811101000000123456"},
		{"Sciarrini [riservato]ha perso due visite in ospedale[/riservato].", "S. [omissis]."},
	}
	for _, tt := range tests {
		if got := r.Text(tt.in); got != tt.want {
			t.Errorf("Text(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if n, ok := r.Person("sc"); !ok || n.Prose() != "S. A." || n.Listed() != "S. A." {
		t.Errorf("Person(sc) = %q / %q, %v, want S. A., true", n.Prose(), n.Listed(), ok)
	}
	if n, ok := r.Person("other"); ok {
		t.Errorf("Person(other) = %q, %v, want false", n.Prose(), ok)
	}
}
