package report

import (
	"bytes"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tavoli/tavoli/data"
)

// The bodies of the synthesis fixture.
var (
	bodySindaci = data.Body{Meta: data.Meta{ID: "body-sindaci"}, Name: "Tavolo dei Sindaci", Kind: data.BodySindaci,
		Rules: data.DefaultRules(data.BodySindaci)}
	bodyAlto = data.Body{Meta: data.Meta{ID: "body-alto"}, Name: "Tavolo Alto della Concertazione",
		Kind: data.BodyTavoloAlto, Rules: data.DefaultRules(data.BodyTavoloAlto)}
)

// synthesisAreas are the fixture's areas with the proposals their tables made: id, name, table.
var synthesisAreas = []struct{ id, name, table string }{
	{"area-anziani", "Anziani", "Tavolo tematico Anziani"},
	{"area-disabilita", "Disabilità", "Tavolo tematico Disabilità"},
	{"area-famiglia", "Famiglia e genitorialità", "Tavolo tematico Famiglia e genitorialità"},
}

// view is a proposal of the fixture, made at a table's session (or by the office when table is "").
func view(id, areaID, area string, kind data.ProposalKind, state data.ProposalState, title, text,
	proposer, org, table string, day time.Time) data.ProposalView {
	return data.ProposalView{
		Proposal: data.Proposal{Meta: data.Meta{ID: id}, AreaID: areaID, Kind: kind, State: state, Title: title, Text: text},
		AreaName: area, ProposerName: proposer, ProposerProse: proseOf(proposer), OrganisationName: org, BodyName: table,
		SessionDate: day,
	}
}

// ranked gives a project idea its consolidated score; rank 0 leaves it unvoted.
func ranked(p data.ProposalView, cost data.CostBand, dur data.TimeBand, rank int, score float64, votes int,
	tables ...string) data.Ranked {
	p.Cost, p.Duration = cost, dur
	return data.Ranked{ProposalView: p, Score: score, Rank: rank, Votes: votes, Tables: tables}
}

// synthesis is the Trasimeno's synthesis in May 2027: three areas with what their tables said and
// proposed, a priority list of five, and the Tavolo Alto's vote validating it (6 favorevoli, 1
// contrario, 1 astenuto out of 10 seats).
func synthesis() data.Synthesis {
	anz, dis, fam := synthesisAreas[0], synthesisAreas[1], synthesisAreas[2]
	march := rome(2027, time.March, 12, 15, 0)
	april := rome(2027, time.April, 8, 17, 0)

	idea := func(id string, a struct{ id, name, table string }, title, text, proposer, org string) data.ProposalView {
		return view(id, a.id, a.name, data.KindIpotesi, data.StateProposta, title, text, proposer, org, a.table, march)
	}
	custodi := ranked(idea("p-custodi", anz, "Custodi sociali per gli anziani soli", "Telefonate periodiche e visite dei volontari.",
		"Agostini Carla", "AUSER Trasimeno"), data.CostUnder5k, data.Time3to6, 1, 0.4236, 2, anz.table, "Tavolo Alto della Concertazione")
	sabato := ranked(idea("p-sabato", anz, "Centro diurno aperto il sabato", "Apertura del sabato mattina come sollievo per le famiglie.",
		"Barbanera Lucia", "Cooperativa sociale «Il Girasole»"), data.Cost5to25k, data.Time6to12, 2, 0.3171, 1, anz.table)
	numero := ranked(idea("p-numero", anz, "Numero unico per il trasporto sociale", "",
		"Paolucci Enzo", "Misericordia di Castiglione del Lago"), data.CostOver25k, data.TimeOver12, 3, 0.2593, 1, anz.table)
	palestra := ranked(idea("p-palestra", anz, "Ginnastica dolce nelle frazioni", "", "", "Associazione Anziani Attivi"),
		data.CostUnknown, data.TimeUnknown, 0, 0, 0)
	lavoro := ranked(idea("p-lavoro", dis, "Borse lavoro nelle aziende del lago", "Tirocini retribuiti per giovani con disabilità.",
		"Cecchini Annalisa", "Comune di Città della Pieve"), data.Cost5to25k, data.Time6to12, 1, 0.5512, 1, dis.table)
	dopo := ranked(idea("p-dopo", dis, "Casa per il «dopo di noi» a Panicale", "", "Fabbri Niccolò", ""),
		data.CostOver25k, data.TimeOver12, 2, 0.4488, 1, dis.table)
	sportello := ranked(idea("p-sportello", fam, "Sportello per le famiglie in ogni comune", "",
		"Mencarelli Sara", "ASL Umbria 1"), data.CostUnder5k, data.Time3to6, 1, 0.38, 1, fam.table)

	// The priority list: the validated ones first, then what the office added without a vote.
	prio := func(r data.Ranked, pos int, state data.ProposalState) data.Ranked {
		r.Priority, r.State = pos, state
		return r
	}
	priorities := []data.Ranked{
		prio(custodi, 1, data.StateValidata), prio(lavoro, 2, data.StateValidata), prio(sportello, 3, data.StateValidata),
		prio(sabato, 4, data.StatePrioritaria),
		prio(ranked(view("p-rete", fam.id, fam.name, data.KindIpotesi, data.StatePrioritaria, "Rete dei consultori familiari",
			"", "", "", "", time.Time{}), data.CostUnknown, data.TimeUnknown, 0, 0, 0), 5, data.StatePrioritaria),
	}

	// The Tavolo Alto validates the first three priorities by an open motion.
	const altoSession = "sess-alto-2027-04-20"
	choices := []string{"favorevole", "favorevole", "contrario", "favorevole", "astenuto", "favorevole",
		"favorevole", "favorevole", "", ""}
	var voters []data.VoteVoter
	var ballots []data.VoteBallot
	for i, c := range choices {
		seat := fmt.Sprintf("alto-seat-%02d", i+1)
		voters = append(voters, data.VoteVoter{ID: seat, Label: seat, Weight: 1, Present: i < 9})
		if c != "" {
			ballots = append(ballots, data.VoteBallot{Meta: data.Meta{ID: "b-" + seat}, VoteID: "v-alto", Voter: seat, Choice: c})
		}
	}
	round := data.Round{
		Body: bodyAlto,
		Session: data.Session{Meta: data.Meta{ID: altoSession}, BodyID: bodyAlto.ID, Status: data.SessionChiusa,
			Call: data.CallPrima, Date: rome(2027, time.April, 20, 10, 0), Started: rome(2027, time.April, 20, 10, 10)},
		Vote: data.Vote{Meta: data.Meta{ID: "v-alto"}, SessionID: altoSession,
			Subject: "Validazione dell'elenco delle priorità del Piano di Zona", Method: data.MethodMotion,
			Rules: bodyAlto.Rules, Status: data.VoteChiusa, Opened: rome(2027, time.April, 20, 11, 5),
			Closed: rome(2027, time.April, 20, 11, 10), QuorumPresent: 9, QuorumRequired: 6, QuorumHolds: true,
			Voters: voters, Covers: []string{"p-custodi", "p-lavoro", "p-sportello"}},
		Ballots: ballots,
		Moved: map[string]data.ProposalState{"p-custodi": data.StateValidata, "p-lavoro": data.StateValidata,
			"p-sportello": data.StateValidata},
	}

	bodies := []data.Body{bodySindaci, bodyAlto}
	for i, a := range synthesisAreas {
		bodies = append(bodies, data.Body{Meta: data.Meta{ID: "body-" + a.id}, Name: a.table,
			Kind: data.BodyTavoloTematico, AreaID: a.id, Position: i + 3})
	}
	return data.Synthesis{
		Ambito:   trasimeno,
		Capofila: "Castiglione del Lago",
		Bodies:   bodies,
		Participation: data.Participation{
			Meetings: 24, People: 312, Presences: 541,
			Bodies: []data.BodyFigures{
				{BodyID: bodySindaci.ID, Name: bodySindaci.Name, Kind: data.BodySindaci, Meetings: 2, People: 9, Presences: 14},
				{BodyID: bodyAlto.ID, Name: bodyAlto.Name, Kind: data.BodyTavoloAlto, Meetings: 3, People: 14, Presences: 27},
				{BodyID: "body-area-anziani", Name: anz.table, Kind: data.BodyTavoloTematico, AreaID: anz.id, AreaName: anz.name,
					Meetings: 7, People: 118, Presences: 210},
				{BodyID: "body-area-disabilita", Name: dis.table, Kind: data.BodyTavoloTematico, AreaID: dis.id, AreaName: dis.name,
					Meetings: 6, People: 97, Presences: 152},
				{BodyID: "body-area-famiglia", Name: fam.table, Kind: data.BodyTavoloTematico, AreaID: fam.id, AreaName: fam.name,
					Meetings: 6, People: 88, Presences: 138},
			},
			Categories: []data.CountOf{
				{Key: string(data.CatAssociazione), N: 71}, {Key: string(data.CatCooperativa), N: 52},
				{Key: string(data.CatComune), N: 48}, {Key: string(data.CatCittadino), N: 44},
				{Key: string(data.CatASL), N: 37}, {Key: string(data.CatVolontariato), N: 29},
				{Key: string(data.CatScuola), N: 17}, {Key: string(data.CatSindacato), N: 14},
			},
			Comuni: []data.CountOf{
				{Key: "c-cdl", Label: "Castiglione del Lago", N: 81}, {Key: "c-mag", Label: "Magione", N: 69},
				{Key: "c-cdp", Label: "Città della Pieve", N: 42}, {Key: "c-pas", Label: "Passignano sul Trasimeno", N: 31},
				{Key: "c-pan", Label: "Panicale", N: 27}, {Key: "c-tuo", Label: "Tuoro sul Trasimeno", N: 19},
				{Key: "c-pie", Label: "Piegaro", N: 16}, {Key: "c-pac", Label: "Paciano", N: 8}, {Key: "", N: 19},
			},
			Proposals: []data.AreaProposals{
				{AreaID: anz.id, Name: anz.name, Total: 7, ByKind: map[data.ProposalKind]int{
					data.KindPuntoDiForza: 1, data.KindCriticita: 1, data.KindStrategia: 1, data.KindIpotesi: 4}},
				{AreaID: dis.id, Name: dis.name, Total: 4, ByKind: map[data.ProposalKind]int{
					data.KindCriticita: 2, data.KindIpotesi: 2}},
				{AreaID: fam.id, Name: fam.name, Total: 2, ByKind: map[data.ProposalKind]int{
					data.KindIpotesi: 2}},
			},
		},
		Weighing: data.WeighTables,
		Areas: []data.SynthesisArea{
			{
				Area: data.Area{Meta: data.Meta{ID: anz.id}, Name: anz.name, Position: 1},
				Strengths: []data.ProposalView{view("p-adi", anz.id, anz.name, data.KindPuntoDiForza, data.StateProposta,
					"Continuità degli operatori ADI", "Gli stessi operatori seguono la persona nel tempo.",
					"Mancini Chiara", "ASL Umbria 1", anz.table, march)},
				Critical: []data.ProposalView{view("p-dimissioni", anz.id, anz.name, data.KindCriticita, data.StateProposta,
					"Attivazione lenta dopo le dimissioni ospedaliere", "Fino a tre settimane di attesa a Piegaro e a Paciano.",
					"Gori Ilario", "SPI CGIL", anz.table, march)},
				Strategies: []data.ProposalView{view("p-frazioni", anz.id, anz.name, data.KindStrategia, data.StateProposta,
					"Invecchiamento attivo nelle frazioni", "", "", "Associazione Anziani Attivi", anz.table, april)},
				Ideas: []data.Ranked{custodi, sabato, numero, palestra},
			},
			{
				Area: data.Area{Meta: data.Meta{ID: dis.id}, Name: dis.name, Position: 2,
					Description: "Servizi per le persone con disabilità e per le loro famiglie."},
				Critical: []data.ProposalView{
					view("p-trasporto", dis.id, dis.name, data.KindCriticita, data.StateProposta, "Trasporto scolastico insufficiente",
						"I mezzi attrezzati non coprono le frazioni di Città della Pieve.", "Tiberi Monica", "", dis.table, april),
					view("p-diagnosi", dis.id, dis.name, data.KindCriticita, data.StateProposta, "Attese lunghe per la diagnosi",
						"", "", "", "", time.Time{}),
				},
				Ideas: []data.Ranked{lavoro, dopo},
			},
			{
				Area:  data.Area{Meta: data.Meta{ID: fam.id}, Name: fam.name, Position: 3},
				Ideas: []data.Ranked{sportello, priorities[4]},
			},
		},
		Priorities: priorities,
		Rounds:     []data.Round{round},
		Changed:    time.Date(2027, time.May, 8, 16, 20, 0, 0, time.UTC),
	}
}

// renderSintesi makes the document and checks that it is a PDF.
func renderSintesi(t testing.TB, s data.Synthesis) []byte {
	t.Helper()
	b, err := Sintesi(s)
	if err != nil {
		t.Fatalf("Sintesi: %v", err)
	}
	if !bytes.HasPrefix(b, []byte("%PDF-")) {
		t.Fatalf("Sintesi: not a PDF: %.20q", b)
	}
	return b
}

// layoutLines extracts a document's text keeping its layout, so that the cells of a table row come
// out on one line; each line has its runs of spaces made one space.
func layoutLines(t *testing.T, path string) string {
	t.Helper()
	out := run(t, tool(t, "pdftotext", "poppler-utils"), "-layout", "-enc", "UTF-8", path, "-")
	var lines []string
	for _, l := range strings.Split(out, "\n") {
		if l = strings.Join(strings.Fields(l), " "); l != "" {
			lines = append(lines, l)
		}
	}
	return "\n" + strings.Join(lines, "\n") + "\n"
}

// rows fails for each wanted table row (cells separated by single spaces) the layout lacks.
func rows(t *testing.T, what, layout string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(layout, "\n"+w+"\n") {
			t.Errorf("%s lacks the row %q", what, w)
		}
	}
}

func TestSintesiText(t *testing.T) {
	path := writePDF(t, "sintesi.pdf", renderSintesi(t, synthesis()))
	checkPDF(t, path)
	text := pdfText(t, path)
	contains(t, "sintesi", text,
		"AMBITO TERRITORIALE N.5 DEL TRASIMENO", "Comune capofila: Castiglione del Lago", "Piano di Zona",
		"Documento di sintesi", "8 maggio 2027",
		"Tavoli · Documento di sintesi · Ufficio di Piano · aggiornato all'8 maggio 2027", "pagina 1 di",
		// The process, in figures.
		"1. Il percorso",
		"Si sono svolti 24 incontri dei tavoli con la partecipazione di 312 persone, per un totale di 541 presenze.",
		"Gli organi e gli incontri", "Partecipanti per categoria", "Partecipanti per comune", "Proposte per area e tipo",
		// Each area, what it said and proposed.
		"2.1. Area Anziani", "Punti di forza (1)", "Criticità (1)", "Strategie (1)", "Ipotesi progettuali (4)",
		"Continuità degli operatori ADI", "Tavolo tematico Anziani, seduta del 12 marzo 2027; proposta da Chiara Mancini (ASL Umbria 1)",
		"Tavolo tematico Anziani, seduta dell'8 aprile 2027; proposta da Associazione Anziani Attivi",
		"2.2. Area Disabilità", "Servizi per le persone con disabilità e per le loro famiglie.",
		"Nessun punto di forza registrato.", "Nessuna strategia registrata.", "Ufficio di Piano",
		"Casa per il «dopo di noi» a Panicale", "2.3. Area Famiglia e genitorialità",
		// The priority list and its validation.
		"3. Elenco delle priorità",
		"4. Esiti della validazione", "Tavolo Alto della Concertazione – seduta del 20 aprile 2027",
		"«Validazione dell'elenco delle priorità del Piano di Zona»: votazione palese (favorevoli, contrari e astenuti), aperta alle ore 11:05.",
		"Numero legale all'apertura: 9 presenti, 6 richiesti.",
		"Approvata a maggioranza semplice: 6 favorevoli, 1 contrario, 1 astenuto.",
		"Proposte dell'elenco oggetto della votazione:", "Borse lavoro nelle aziende del lago (validata dal Tavolo Alto",
		// The rule.
		"5. Regola di calcolo del punteggio",
		"Punteggio: media delle quote normalizzate ottenute nelle votazioni di priorità dei tavoli tematici tenute con il numero legale (ogni votazione pesa uguale); "+
			"quota = parte del totale (punti, bollini, approvazioni, Borda), (n − posizione)/(n − 1) per Schulze, "+
			"(media − minimo)/(massimo − minimo) per i punteggi per criteri. La quota segue il risultato di ciascuna votazione",
		"Proposte accorpate. L'accorpamento non toglie punteggio a un'idea",
		"Esempio: una proposta è prima nella graduatoria Schulze di un tavolo (quota 1,00); un'altra ha ottenuto a un altro "+
			"tavolo 1 bollino su 15 (quota 0,07). Accorpate, la media delle due votazioni sarebbe (1,00 + 0,07)/2 = 0,53: "+
			"la proposta accorpata riceve invece 1,00, il punteggio della parte migliore.",
		"Il Responsabile dell'Ufficio di Piano",
	)
	rows(t, "sintesi", layoutLines(t, path),
		"Tavolo Alto della Concertazione Tavolo Alto della Concertazione 3 14 27",
		"Tavolo tematico Disabilità Tavolo tematico – area Disabilità 6 97 152", "Totale 24 312 541",
		"Cooperativa sociale 52", "Volontariato 29", "Città della Pieve 42", "Altro comune o non indicato 19",
		"Anziani 1 1 1 4 7", "Famiglia e genitorialità 0 0 0 2 2", "Totale 1 3 1 8 13",
		"Posto Ipotesi progettuale Punteggio Votazioni Tavoli Costo e durata",
		"1 Custodi sociali per gli anziani soli 0,42 2 Anziani, Tavolo Alto",
		"2 Centro diurno aperto il sabato 0,32 1 Tavolo tematico Anziani", "€ 5.000–25.000",
		"– Ginnastica dolce nelle frazioni non votata – – –",
		"N. Proposta Area Punteggio Stato", "1 Custodi sociali per gli anziani soli Anziani 0,42",
		"4 Centro diurno aperto il sabato Anziani 0,32 prioritaria",
		"5 Rete dei consultori familiari non votata prioritaria")
	if strings.Count(text, "pagina ") != pageCount(t, path) {
		t.Errorf("sintesi: %d page numbers for %d pages", strings.Count(text, "pagina "), pageCount(t, path))
	}
	if strings.Contains(text, "La validazione non è ancora avvenuta") {
		t.Error("sintesi says the validation has not happened, with a round in it")
	}
}

// An area's document holds that area only: its proposals, its table, its priorities.
func TestSintesiOneArea(t *testing.T) {
	s := synthesis()
	s.AreaID = "area-disabilita"
	path := writePDF(t, "sintesi-disabilita.pdf", renderSintesi(t, s))
	checkPDF(t, path)
	text := pdfText(t, path)
	contains(t, "area document", text, "Documento di sintesi", "Area Disabilità", "2.1. Area Disabilità",
		"Borse lavoro nelle aziende del lago", "Tavolo tematico Disabilità", "Tavolo Alto della Concertazione",
		"Proposte dell'area oggetto della votazione:", "Approvata a maggioranza semplice",
		"Città della Pieve")
	rows(t, "area document", layoutLines(t, path), "2 Borse lavoro nelle aziende del lago Disabilità 0,55",
		"Tavolo tematico Disabilità Tavolo tematico – area Disabilità 6 97 152", "Disabilità 0 2 0 2 4",
		"Totale dell'Ambito 24 312 541")
	for _, other := range []string{"Anziani", "Famiglia", "Custodi sociali", "Sportello per le famiglie",
		"Rete dei consultori", "2.2."} {
		if strings.Contains(text, other) {
			t.Errorf("the document of the area Disabilità mentions %q", other)
		}
	}

	if got := metaTitle(t, path); !strings.HasPrefix(got, "Documento di sintesi dell'area Disabilità – ") {
		t.Errorf("the area document's title is %q, want its own", got)
	}
	contains(t, "the area document's footer", text, "Tavoli · Documento di sintesi dell'area Disabilità ·")

	s.AreaID = "area-dipendenze"
	if b, err := Sintesi(s); err == nil {
		t.Errorf("Sintesi(area not in the synthesis) = %d bytes, want an error", len(b))
	}
}

// TestSintesiRoundSaysWhatItDecided: a round lists what it took each proposal to, not where the proposal
// stands now; one it did not move says so.
func TestSintesiRoundSaysWhatItDecided(t *testing.T) {
	s := synthesis()
	delete(s.Rounds[0].Moved, "p-sportello")
	for i := range s.Priorities {
		if s.Priorities[i].ID == "p-custodi" {
			s.Priorities[i].State = data.StateInAttuazione // moved on since the round
		}
	}
	text := pdfText(t, writePDF(t, "sintesi-round.pdf", renderSintesi(t, s)))
	contains(t, "round", text, "Sportello per le famiglie in ogni comune (non decisa da questa votazione)")
	if i := strings.Index(text, "Proposte dell'elenco oggetto della votazione"); i < 0 ||
		!strings.Contains(text[i:], "Custodi sociali per gli anziani soli (validata") {
		t.Errorf("the round does not say it validated the custodi sociali:\n%s", text)
	}
}

// The same synthesis gives the same bytes, also when documents are made at the same time.
func TestSintesiReproducible(t *testing.T) {
	s := synthesis()
	want := renderSintesi(t, s)
	if again := renderSintesi(t, synthesis()); !bytes.Equal(want, again) {
		t.Fatalf("Sintesi differs between two renderings (%d and %d bytes)", len(want), len(again))
	}
	var wg sync.WaitGroup
	errs := make(chan string, 3)
	for range 3 {
		wg.Go(func() {
			if b, err := Sintesi(s); err != nil || !bytes.Equal(b, want) {
				errs <- fmt.Sprintf("concurrent Sintesi: %v, equal %v", err, bytes.Equal(b, want))
			}
		})
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

// Before anything happened the document still renders, and says what is missing.
func TestSintesiEmpty(t *testing.T) {
	novote := synthesis()
	novote.Rounds, novote.Priorities, novote.Weighing = nil, nil, data.WeighVoters
	for i := range novote.Areas {
		for j := range novote.Areas[i].Ideas {
			novote.Areas[i].Ideas[j].Rank, novote.Areas[i].Ideas[j].Votes = 0, 0
		}
	}
	cases := []struct {
		name string
		s    data.Synthesis
		want []string
	}{
		{"empty", data.Synthesis{}, []string{"Documento di sintesi", "Non si sono ancora svolti incontri dei tavoli.",
			"Nessun organo ha ancora tenuto sedute.", "Nessuna persona registrata.", "Non sono ancora state raccolte proposte.",
			"Non sono ancora state definite aree di intervento.", "L'elenco delle priorità non è ancora stato definito.",
			"La validazione non è ancora avvenuta.", "(ogni votazione pesa uguale)"}},
		{"no votes", novote, []string{"– Custodi sociali per gli anziani soli non votata",
			"L'elenco delle priorità non è ancora stato definito.", "La validazione non è ancora avvenuta.",
			"(ponderata per votanti)", "Criticità", "Città della Pieve"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := writePDF(t, "sintesi-"+strings.ReplaceAll(c.name, " ", "-")+".pdf", renderSintesi(t, c.s))
			checkPDF(t, path)
			contains(t, c.name+" synthesis", pdfText(t, path), c.want...)
		})
	}
}

// TestSintesiLarge checks that a long list of ideas keeps its header on every page it spans.
func TestSintesiLarge(t *testing.T) {
	path := writePDF(t, "sintesi-large.pdf", renderSintesi(t, largeSynthesis(1200, 6)))
	pages := pageCount(t, path)
	if pages < 30 {
		t.Fatalf("a synthesis of 1200 proposals has %d pages, want many more", pages)
	}
	headers := strings.Count(layoutLines(t, path), "\nPosto Ipotesi progettuale Punteggio Votazioni Tavoli Costo e durata\n")
	if headers < 12 {
		t.Errorf("the tables of ideas show their header %d times over %d pages, want it on every page", headers, pages)
	}
}

// largeSynthesis is a district with n proposals spread over the given number of areas: in each area
// a fifth are strengths, a fifth critical points, a fifth strategies and the rest project ideas, a
// quarter of them unvoted; the best ten ideas of each area are priorities.
func largeSynthesis(n, areas int) data.Synthesis {
	s := synthesis()
	s.Areas, s.Priorities, s.Participation.Proposals = nil, nil, nil
	day := rome(2027, time.March, 1, 15, 0)
	text := "Proposta raccolta durante l'incontro del tavolo, con la descrizione dei bisogni, dei destinatari " +
		"e delle risorse che servirebbero per realizzarla nei comuni dell'Ambito."
	per := n / areas
	for a := range areas {
		id, name := fmt.Sprintf("area-%d", a+1), fmt.Sprintf("Area di intervento n. %d", a+1)
		table := "Tavolo tematico " + name
		sa := data.SynthesisArea{Area: data.Area{Meta: data.Meta{ID: id}, Name: name, Position: a + 1}}
		byKind := map[data.ProposalKind]int{}
		for i := range per {
			pid := fmt.Sprintf("p-%d-%d", a, i)
			title := fmt.Sprintf("Proposta %d dell'area %d per i servizi di prossimità nelle frazioni", i+1, a+1)
			mk := func(k data.ProposalKind) data.ProposalView {
				byKind[k]++
				return view(pid, id, name, k, data.StateProposta, title, text, "Rossi Maria", "Associazione «Città della Pieve»",
					table, day.AddDate(0, 0, 7*(i%10)))
			}
			switch {
			case i < per/5:
				sa.Strengths = append(sa.Strengths, mk(data.KindPuntoDiForza))
			case i < 2*per/5:
				sa.Critical = append(sa.Critical, mk(data.KindCriticita))
			case i < 3*per/5:
				sa.Strategies = append(sa.Strategies, mk(data.KindStrategia))
			default:
				k := len(sa.Ideas)
				rank, score, votes := k+1, 1/float64(k+2), 1+k%3
				if i >= per-per/10 {
					rank, score, votes = 0, 0, 0
				}
				sa.Ideas = append(sa.Ideas, ranked(mk(data.KindIpotesi), data.Cost5to25k, data.Time6to12, rank, score, votes,
					table, "Tavolo Alto della Concertazione"))
			}
		}
		for _, r := range sa.Ideas[:10] {
			r.Priority, r.State = len(s.Priorities)+1, data.StatePrioritaria
			s.Priorities = append(s.Priorities, r)
		}
		s.Areas = append(s.Areas, sa)
		s.Participation.Proposals = append(s.Participation.Proposals,
			data.AreaProposals{AreaID: id, Name: name, ByKind: byKind, Total: per})
	}
	return s
}

// TestSintesiSignature: the signature is never alone on the last page, whatever the length of what comes
// before it, and it names the head of the Ufficio di Piano when the registry knows one.
func TestSintesiSignature(t *testing.T) {
	signed, moved := 0, 0
	all := largeSynthesis(90, 3)
	for n := 1; n <= len(all.Priorities); n++ { // priority lists that end the text at every height of a page
		s := all
		s.Priorities = all.Priorities[:n]
		s.Responsible = "Lucia Ferri"
		path := writePDF(t, fmt.Sprintf("sintesi-firma-%d.pdf", n), renderSintesi(t, s))
		pages := pageCount(t, path)
		last := strings.Join(strings.Fields(pdfText(t, path, pages, pages)), " ")
		if !strings.Contains(last, "Il Responsabile dell'Ufficio di Piano Lucia Ferri (firma)") {
			t.Fatalf("%d proposals: the last page (%d) lacks the signed name: %q", n, pages, last)
		}
		signed++
		if !strings.Contains(last, "conterebbe la somma, 0,60.") {
			t.Errorf("%d proposals: the last page holds the signature without the text before it: %q", n, last)
		}
		if !strings.Contains(last, "5. Regola di calcolo del punteggio") {
			moved++ // the rule began on the page before: the signature still has its closing lines
		}
	}
	if signed == 0 {
		t.Fatal("no document was checked")
	}
	t.Logf("%d layouts checked; in %d the rule's heading is on an earlier page", signed, moved)

	s := synthesis()
	s.Responsible = ""
	path := writePDF(t, "sintesi-senza-nome.pdf", renderSintesi(t, s))
	if text := pdfText(t, path); !strings.Contains(text, "Il Responsabile dell'Ufficio di Piano") {
		t.Errorf("without a name the signature block is missing: %q", text)
	}
	// The role agrees with the head of the office.
	s.Responsible, s.ResponsibleGender = "Lucia Ferri", data.GenderFemminile
	path = writePDF(t, "sintesi-responsabile.pdf", renderSintesi(t, s))
	if text := pdfText(t, path); !strings.Contains(text, "La Responsabile dell'Ufficio di Piano Lucia Ferri") ||
		strings.Contains(text, "Il Responsabile") {
		t.Errorf("a woman heading the office signs as %q", text[max(0, len(text)-200):])
	}
}

// The benchmark the brief sets: well under a second for 1200 proposals over 6 areas.
func BenchmarkSintesi(b *testing.B) {
	s := largeSynthesis(1200, 6)
	for b.Loop() {
		if _, err := Sintesi(s); err != nil {
			b.Fatal(err)
		}
	}
}

// TestSintesiExplainsScores prints how each priority's score was made: a merged proposal first in a
// Schulze vote tied at the top keeps its 1,00, and the document shows the votes, the shares with their
// arithmetic, and what counting the part set aside would have given; a proposal voted at two tables
// shows the mean written out.
func TestSintesiExplainsScores(t *testing.T) {
	s := synthesis()
	oct := rome(2026, time.October, 16, 17, 0)
	lav := rome(2026, time.October, 21, 17, 0)
	schulze := data.Counted{VoteID: "v-anz", BodyName: "Tavolo tematico Anziani", Date: oct, Method: data.MethodSchulze,
		Valid: 7, Share: 1, Rank: 1, Tied: true, Options: 4, Score: 2, Total: 3}
	dots := data.Counted{VoteID: "v-lav", BodyName: "Tavolo tematico Integrazione lavorativa", Date: lav, Method: data.MethodDots,
		Valid: 5, Share: 1.0 / 15, Rank: 4, Options: 4, Score: 1, Total: 15, Via: []string{"Trasporto verso il lavoro"}}
	found := 0
	for i := range s.Priorities {
		switch s.Priorities[i].ID {
		case "p-custodi":
			r := &s.Priorities[i]
			r.Score, r.Votes, r.Counted = 1, 1, []data.Counted{schulze}
			r.Left, r.Whole, r.SetAside = []string{"Trasporto verso il lavoro"}, (1+1.0/15)/2, []data.Counted{schulze, dots}
			found++
		case "p-sabato":
			r := &s.Priorities[i]
			borda := data.Counted{VoteID: "v-b", BodyName: "Tavolo tematico Anziani", Date: oct, Method: data.MethodBorda,
				Valid: 6, Share: 0.25, Rank: 2, Options: 3, Score: 3, Total: 12}
			crit := data.Counted{VoteID: "v-c", BodyName: "Ufficio di Piano", Date: lav, Method: data.MethodScore,
				Valid: 4, Share: 0.625, Rank: 1, Options: 3, Score: 3.5}
			r.Score, r.Votes, r.Counted = 0.4375, 2, []data.Counted{borda, crit}
			found++
		}
	}
	if found != 2 {
		t.Fatalf("the fixture has %d of the two priorities explained here", found)
	}
	text := pdfText(t, writePDF(t, "sintesi-explained.pdf", renderSintesi(t, s)))
	contains(t, "explained sintesi", text,
		"Come si forma il punteggio di ciascuna priorità",
		"1. Custodi sociali per gli anziani soli: 1,00",
		"– Tavolo tematico Anziani, 16 ottobre 2026, graduatoria Condorcet-Schulze (7 schede valide): "+
			"1° posto su 4 a pari merito, quota (4 − 1)/(4 − 1) = 1,00.",
		"Punteggio: la quota dell'unica votazione, 1,00.",
		"Proposta accorpata: vi è accorpata anche «Trasporto verso il lavoro». Contando anche la sua votazione "+
			"(Tavolo tematico Integrazione lavorativa, 21 ottobre 2026: 1 bollino su 15, quota 1/15 = 0,07) "+
			"il punteggio sarebbe (1,00 + 0,07)/2 = 0,53, più basso di 1,00",
		"graduatoria Borda (6 schede valide): 3 punti Borda su 12, quota 3/12 = 0,25.",
		"punteggio per criteri (4 schede valide): media 3,50 su una scala da 1 a 5, quota (3,50 − 1)/(5 − 1) = 0,62.",
		"Punteggio: media delle quote, (0,25 + 0,62)/2 = 0,44.")
}
