package report

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/tavoli/tavoli/data"
)

// answer is what became of the proposals of the Trasimeno's Anziani table in May 2027: one approved by
// the mayors' vote, one validated, one merged into the approved one, two rejected (one by hand with its
// reason, one by the mayors' vote) and one still being weighed.
func answer() data.TableAnswer {
	s := synthesis()
	anz := synthesisAreas[0]
	march := rome(2027, time.March, 12, 15, 0)
	idea := func(id, title string, st data.ProposalState) data.ProposalView {
		return view(id, anz.id, anz.name, data.KindIpotesi, st, title, "", "Agostini Carla", "AUSER Trasimeno", anz.table, march)
	}
	mayors := &data.DecidedBy{BodyName: bodySindaci.Name, Date: rome(2027, time.May, 3, 17, 0)}
	custodi := idea("p-custodi", "Custodi sociali per gli anziani soli", data.StateApprovata)
	custodi.Priority, custodi.DecidedBy = 1, mayors
	sabato := idea("p-sabato", "Centro diurno aperto il sabato", data.StateValidata)
	sabato.Priority = 8
	sabato.DecidedBy = &data.DecidedBy{BodyName: bodyAlto.Name, Date: rome(2027, time.April, 20, 10, 0)}
	telefono := idea("p-telefono", "Telefonata amica del mattino", data.StateAccorpata)
	telefono.MergedIntoID = custodi.ID
	telefono.Reason = "Accorpata in «Custodi sociali per gli anziani soli», che ne raccoglie il contenuto."
	palestra := idea("p-palestra", "Ginnastica dolce nelle frazioni", data.StateRespinta)
	palestra.Reason = "Già finanziata dal bando regionale «Anziani in movimento» per il 2027."
	numero := idea("p-numero", "Numero unico per il trasporto sociale", data.StateRespinta)
	numero.DecidedBy = mayors
	orti := idea("p-orti", "Orti sociali a Magione", data.StateInValutazione)
	orti.Reason = "Tolta dall'elenco delle priorità in attesa del bando regionale"
	return data.TableAnswer{
		Ambito: s.Ambito, Capofila: s.Capofila, Bodies: s.Bodies, AreaName: anz.name,
		Body: data.Body{Meta: data.Meta{ID: "body-" + anz.id}, Name: anz.table, Kind: data.BodyTavoloTematico, AreaID: anz.id},
		Proposals: []data.ProposalFate{{ProposalView: custodi}, {ProposalView: sabato},
			{ProposalView: telefono, Into: &custodi}, {ProposalView: palestra}, {ProposalView: numero}, {ProposalView: orti}},
		Changed:     rome(2027, time.May, 8, 9, 30),
		Responsible: "Giulia Rossi", ResponsibleGender: data.GenderFemminile,
	}
}

func TestEsitoText(t *testing.T) {
	b, err := Esito(answer())
	if err != nil {
		t.Fatal(err)
	}
	path := writePDF(t, "esito.pdf", b)
	checkPDF(t, path)
	text := pdfText(t, path)
	contains(t, "esito", text,
		"ESITO DELLE PROPOSTE DEL TAVOLO TEMATICO ANZIANI",
		"L'Ufficio di Piano riferisce al Tavolo tematico Anziani che cosa è stato delle proposte formulate nelle sue sedute e perché, all'8 maggio 2027.",
		"Le proposte sono 6: 1 approvata, 1 nel percorso di validazione, 1 accorpata ad altre, 2 respinte e 1 ancora in valutazione.",
		"1. Proposte approvate (1)", "Custodi sociali per gli anziani soli",
		"Seduta del 12 marzo 2027 · ipotesi progettuale · proposta da Carla Agostini (AUSER Trasimeno)",
		"Approvata dal Tavolo dei Sindaci nella seduta del 3 maggio 2027, al 1° posto tra le priorità dell'Ambito.",
		"2. Proposte nel percorso di validazione (1)",
		"Validata dal Tavolo Alto della Concertazione nella seduta del 20 aprile 2027, all'8° posto tra le priorità dell'Ambito.",
		"3. Proposte accorpate ad altre (1)",
		"Accorpata nella proposta «Custodi sociali per gli anziani soli», che oggi è approvata dal Tavolo dei Sindaci (al 1° posto tra le priorità).",
		"4. Proposte respinte (2)", "Respinta.",
		"Motivo: Già finanziata dal bando regionale «Anziani in movimento» per il 2027.",
		"Respinta dal Tavolo dei Sindaci nella seduta del 3 maggio 2027.",
		"5. Proposte ancora in valutazione (1)",
		"Sono all'esame dell'Ufficio di Piano, che ne riferirà l'esito al tavolo.", "Orti sociali a Magione",
		"Nota dell'Ufficio di Piano: Tolta dall'elenco delle priorità in attesa del bando regionale.",
		"La Responsabile dell'Ufficio di Piano", "Giulia Rossi",
		"Tavoli · Esito delle proposte · Tavolo tematico Anziani · aggiornato all'8 maggio 2027")
	// The merge's own reason only repeats where the proposal went: not printed twice.
	if n := strings.Count(text, "che ne raccoglie il contenuto"); n != 0 {
		t.Errorf("the merge's reason is repeated %d times:\n%s", n, text)
	}
	again, err := Esito(answer())
	if err != nil || !bytes.Equal(b, again) {
		t.Errorf("the same answer gave different bytes (%v)", err)
	}
}

func TestEsitoOfATableWithoutProposals(t *testing.T) {
	a := answer()
	a.Proposals = nil
	b, err := Esito(a)
	if err != nil {
		t.Fatal(err)
	}
	path := writePDF(t, "esito-vuoto.pdf", b)
	checkPDF(t, path)
	contains(t, "empty esito", pdfText(t, path),
		"Nelle sedute del Tavolo tematico Anziani non è stata ancora formulata alcuna proposta.",
		"La Responsabile dell'Ufficio di Piano")
}

func TestAtPlace(t *testing.T) {
	for n, want := range map[int]string{1: "al 1° posto", 3: "al 3° posto", 8: "all'8° posto", 11: "all'11° posto",
		18: "al 18° posto", 80: "all'80° posto", 81: "all'81° posto", 100: "al 100° posto"} {
		if got := atPlace(n); got != want {
			t.Errorf("atPlace(%d) = %q, want %q", n, got, want)
		}
	}
}
