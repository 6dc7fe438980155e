package report

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"github.com/tavoli/tavoli/data"
)

// contactLike is what an e-mail address or a telephone number looks like in extracted text.
var contactLike = regexp.MustCompile(`[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[a-z]{2,}|\b[03]\d{1,3}[ ./-]?\d{5,8}\b|\+39`)

// unmarked is a text with the marks of its passages riservati taken out by hand.
func unmarked(s string) string {
	return strings.NewReplacer(data.ReservedOpen, "", data.ReservedClose, "").Replace(s)
}

// privateOfRegister lists the private citizens of a dossier's register, as the store lists them.
func privateOfRegister(d data.Dossier) []data.Private {
	var out []data.Private
	for _, l := range d.Register {
		if l.Category == data.CatCittadino {
			out = append(out, data.Private{ID: l.PersonID, Naming: l.Naming})
		}
	}
	return out
}

func TestVerbalePublication(t *testing.T) {
	d := anzianiDossier()
	d.Private = privateOfRegister(d)
	if len(d.Private) < 5 {
		t.Fatalf("the fixture has %d private citizens in its register, want several", len(d.Private))
	}
	// The president is a citizen too, in this test: she signs the act, and keeps her name.
	d.Private = append(d.Private, data.Private{ID: d.Session.PresidentID, Naming: d.President})
	for i, it := range d.Agenda {
		if it.ID == "item-04" {
			d.Agenda[i].Notes += "\nIl cittadino Ugo Baldoni [riservato]ricorda il ricovero della moglie[/riservato] e lascia " +
				"il recapito ugo.baldoni@example.it, tel. 075 8251234; Falchi conferma."
		}
	}

	// The full copy: the passage without its marks, the same bytes as the notes written without them.
	full, err := Verbale(d)
	if err != nil {
		t.Fatalf("Verbale: %v", err)
	}
	plain := d
	plain.Agenda = append([]data.AgendaItem(nil), d.Agenda...)
	for i := range plain.Agenda {
		plain.Agenda[i].Notes = unmarked(plain.Agenda[i].Notes)
	}
	if again, err := Verbale(plain); err != nil || !bytes.Equal(full, again) {
		t.Errorf("Verbale(marked) and Verbale(unmarked) differ (%v): the full copy must print the passage as it was", err)
	}
	path := writePDF(t, "verbale.pdf", full)
	checkPDF(t, path)
	text := pdfText(t, path)
	for _, want := range []string{"Il cittadino Ugo Baldoni ricorda il ricovero della moglie e lascia il recapito ugo.baldoni@example.it",
		"Baldoni Ugo", "Falchi conferma"} {
		if !strings.Contains(text, want) {
			t.Errorf("the full verbale lacks %q", want)
		}
	}
	if strings.Contains(text, "riservato]") || strings.Contains(text, "omissis") {
		t.Error("the full verbale prints a mark or an omissis")
	}

	// The copy for publication.
	pub, err := VerbalePublication(d)
	if err != nil {
		t.Fatalf("VerbalePublication: %v", err)
	}
	if again, _ := VerbalePublication(d); !bytes.Equal(pub, again) {
		t.Error("two copies for publication of the same data differ")
	}
	path = writePDF(t, "verbale-pubblicazione.pdf", pub)
	checkPDF(t, path)
	text = pdfText(t, path)
	for _, want := range []string{"Copia per la pubblicazione",
		"Il cittadino B. U. [omissis] e lascia il recapito [omissis], tel. [omissis]; F. conferma.",
		"B. U.", "Presiede la seduta la Presidente Francesca Bellucci", "Francesca Bellucci"} {
		if !strings.Contains(text, want) {
			t.Errorf("the copy for publication lacks %q:\n%s", want, text)
		}
	}
	for _, p := range d.Private[:len(d.Private)-1] {
		if strings.Contains(text, p.Surname) {
			t.Errorf("the copy for publication names %s", p.Listed())
		}
	}
	if m := contactLike.FindString(text); m != "" || strings.Contains(text, "ricovero") {
		t.Errorf("the copy for publication prints a contact (%q) or the passage riservato", m)
	}
	if !strings.Contains(text, "Tavoli · Verbale – copia per la pubblicazione") {
		t.Error("the footer does not say copia per la pubblicazione")
	}
}

func TestSintesiPublication(t *testing.T) {
	s := synthesis()
	s.Private = []data.Private{{ID: "tiberi", Naming: data.Naming{Name: "Monica", Surname: "Tiberi", Gender: data.GenderFemminile}}}
	marked := 0
	for i := range s.Areas {
		for j, p := range s.Areas[i].Critical {
			if p.ProposerName == "Tiberi Monica" {
				p.ProposerID = "tiberi"
				p.Text += " [riservato]La signora Monica Tiberi accompagna il figlio ogni mattina.[/riservato] Scrivere a monica.tiberi@example.it."
				s.Areas[i].Critical = append([]data.ProposalView(nil), s.Areas[i].Critical...)
				s.Areas[i].Critical[j] = p
				marked++
			}
		}
	}
	if marked != 1 {
		t.Fatalf("the fixture has %d criticità by Monica Tiberi, want 1", marked)
	}

	full := renderSintesi(t, s)
	plain := s
	plain.Areas = append([]data.SynthesisArea(nil), s.Areas...)
	for i := range plain.Areas {
		plain.Areas[i].Critical = append([]data.ProposalView(nil), s.Areas[i].Critical...)
		for j := range plain.Areas[i].Critical {
			plain.Areas[i].Critical[j].Text = unmarked(plain.Areas[i].Critical[j].Text)
		}
	}
	if !bytes.Equal(full, renderSintesi(t, plain)) {
		t.Error("Sintesi(marked) and Sintesi(unmarked) differ: the full copy must print the passage as it was")
	}
	text := pdfText(t, writePDF(t, "sintesi.pdf", full))
	if !strings.Contains(text, "La signora Monica Tiberi accompagna il figlio ogni mattina. Scrivere a monica.tiberi@example.it.") ||
		!strings.Contains(text, "proposta da Monica Tiberi") || strings.Contains(text, "riservato]") {
		t.Errorf("the full sintesi reads:\n%s", text)
	}

	pub, err := SintesiPublication(s)
	if err != nil {
		t.Fatalf("SintesiPublication: %v", err)
	}
	path := writePDF(t, "sintesi-pubblicazione.pdf", pub)
	checkPDF(t, path)
	text = pdfText(t, path)
	for _, want := range []string{"Copia per la pubblicazione", "le frazioni di Città della Pieve. [omissis] Scrivere a [omissis].",
		"proposta da T. M.", "Documento di sintesi – copia per la pubblicazione"} {
		if !strings.Contains(text, want) {
			t.Errorf("the sintesi's copy for publication lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "Tiberi") || contactLike.MatchString(text) {
		t.Error("the sintesi's copy for publication names Monica Tiberi or prints a contact")
	}
}
