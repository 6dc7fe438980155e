package report

import (
	"bytes"
	"testing"
	"time"

	"github.com/tavoli/tavoli/data"
)

// relazioneFixture is the Trasimeno's 2027: the synthesis's bodies and validation round, two areas of
// approved priorities (one realised, one late, one not yet started), three actions.
func relazioneFixture() data.Relazione {
	s := synthesis()
	anz, dis := synthesisAreas[0], synthesisAreas[1]
	cents := func(euro int64) int64 { return euro * 100 }
	budget := func(fnps, regione, comuni, altro [2]int64) []data.Budget {
		return []data.Budget{{Source: data.FundFNPS, Planned: cents(fnps[0]), Spent: cents(fnps[1])},
			{Source: data.FundRegione, Planned: cents(regione[0]), Spent: cents(regione[1])},
			{Source: data.FundComuni, Planned: cents(comuni[0]), Spent: cents(comuni[1])},
			{Source: data.FundAltro, Planned: cents(altro[0]), Spent: cents(altro[1])}}
	}
	prop := func(id, area, title string, st data.ProposalState, prio int) data.ProposalView {
		return data.ProposalView{Proposal: data.Proposal{Meta: data.Meta{ID: id}, AreaID: area, Title: title, State: st,
			Priority: prio}}
	}
	custodi := data.ImplementationView{
		Implementation: data.Implementation{Meta: data.Meta{ID: "im-custodi"}, ProposalID: "p-custodi",
			Start: rome(2027, time.January, 8, 0, 0), End: rome(2027, time.December, 31, 0, 0), Progress: 100,
			Budget: budget([2]int64{38000, 37250}, [2]int64{}, [2]int64{12000, 12000}, [2]int64{}),
			Notes:  "Il servizio prosegue nel 2028 con i fondi dei Comuni."},
		Proposal:        prop("p-custodi", anz.id, "Custodi sociali per gli anziani soli", data.StateRealizzata, 1),
		ResponsibleName: "Comune di Castiglione del Lago",
		Milestones: []data.Milestone{
			{Title: "Avvio del servizio", Due: rome(2027, time.March, 1, 0, 0), Done: true, DoneOn: rome(2027, time.March, 8, 0, 0)},
			{Title: "Copertura di tutte le frazioni", Due: rome(2027, time.September, 30, 0, 0), Done: true}},
		Indicators: []data.Indicator{{Name: "Anziani seguiti", Unit: "persone", Target: 120, Value: 134,
			MeasuredOn: rome(2027, time.November, 11, 0, 0)}},
	}
	lavoro := data.ImplementationView{
		Implementation: data.Implementation{Meta: data.Meta{ID: "im-lavoro"}, ProposalID: "p-lavoro",
			Start: rome(2027, time.February, 1, 0, 0), End: rome(2027, time.April, 30, 0, 0), Progress: 35,
			Budget: budget([2]int64{20000, 6500}, [2]int64{15000, 0}, [2]int64{}, [2]int64{5000, 1200})},
		Proposal:        prop("p-lavoro", dis.id, "Borse lavoro nelle aziende del lago", data.StateInAttuazione, 2),
		ResponsibleName: "Tavolo tematico Disabilità", Late: true,
		Milestones: []data.Milestone{{Title: "Convenzioni con le aziende", Due: rome(2027, time.April, 8, 0, 0)}},
		Indicators: []data.Indicator{{Name: "Borse avviate", Target: 12, Value: 4.5}},
	}
	sportello := data.ImplementationView{Proposal: prop("p-sportello", dis.id, "Sportello per le famiglie in ogni comune",
		data.StateApprovata, 3)}
	session := rome(2027, time.March, 12, 15, 0)
	act := func(id, who, what string, due time.Time, overdue bool, f *data.ActionFollowUp) data.ActionView {
		return data.ActionView{ActionItem: data.ActionItem{Meta: data.Meta{ID: id}, Who: who, What: what, Due: due},
			BodyName: anz.table, SessionDate: session, FollowUp: f, Closed: f != nil && f.Done, Overdue: overdue}
	}
	held := []data.BodyDays{{Body: bodySindaci, Days: []time.Time{rome(2027, time.February, 12, 17, 0), rome(2027, time.May, 3, 17, 0)}},
		{Body: bodyAlto, Days: []time.Time{rome(2027, time.April, 20, 10, 0)}}}
	return data.Relazione{
		Year: 2027, Ambito: s.Ambito, Capofila: s.Capofila,
		Introduction: "Il 2027 è stato il primo anno del nuovo Piano di Zona.\nI tavoli si sono riuniti con regolarità.",
		Participation: data.Participation{Meetings: 3, People: 21, Presences: 35,
			Bodies: []data.BodyFigures{{BodyID: bodySindaci.ID, Name: bodySindaci.Name, Meetings: 2, People: 9, Presences: 16},
				{BodyID: bodyAlto.ID, Name: bodyAlto.Name, Meetings: 1, People: 12, Presences: 19}},
			Categories: []data.CountOf{{Key: string(data.CatComune), N: 9}, {Key: "", N: 12}},
			Comuni:     []data.CountOf{{Key: "c-magione", Label: "Magione", N: 11}, {Key: "", N: 10}}},
		Held: held,
		Areas: []data.RelazioneArea{{Area: data.Area{Meta: data.Meta{ID: anz.id}, Name: anz.name}, Priorities: []data.ImplementationView{custodi}},
			{Area: data.Area{Meta: data.Meta{ID: dis.id}, Name: dis.name}, Priorities: []data.ImplementationView{lavoro, sportello}}},
		Budget: data.Totals(custodi.Budget, lavoro.Budget),
		Done: []data.ActionView{act("a-1", "Ufficio di Piano", "Inviare ai Comuni la mappa dei servizi", rome(2027, time.April, 1, 0, 0), false,
			&data.ActionFollowUp{Done: true, DoneOn: rome(2027, time.March, 28, 0, 0), Note: "Inviata con PEC a tutti gli otto Comuni."})},
		Open: []data.ActionView{act("a-2", "ASL Umbria 1", "Dati sugli accessi al pronto soccorso degli over 75", rome(2027, time.April, 30, 0, 0), true, nil),
			act("a-3", "", "Calendario delle sedute del 2028", time.Time{}, false, nil)},
		Rounds: s.Rounds,
		Titles: map[string]string{"p-custodi": "Custodi sociali per gli anziani soli", "p-lavoro": "Borse lavoro nelle aziende del lago",
			"p-sportello": "Sportello per le famiglie in ogni comune"},
		Responsible: "Giulia Rossi", ResponsibleGender: data.GenderFemminile,
		Changed: rome(2027, time.December, 15, 12, 0),
	}
}

func TestRelazioneText(t *testing.T) {
	b, err := Relazione(relazioneFixture())
	if err != nil {
		t.Fatal(err)
	}
	path := writePDF(t, "relazione.pdf", b)
	checkPDF(t, path)
	text := pdfText(t, path)
	contains(t, "relazione", text,
		"Relazione annuale consuntiva", "Anno 2027", "Presentata al Tavolo dei Sindaci",
		"Tavoli · Relazione annuale consuntiva 2027 · Ufficio di Piano · anno 2027",
		"1. Introduzione", "Il 2027 è stato il primo anno del nuovo Piano di Zona.",
		"2. Le sedute e la partecipazione",
		"Nel 2027 gli organi del Piano hanno tenuto 3 sedute, con la partecipazione di 21 persone per un totale di 35 presenze.",
		"Tavolo dei Sindaci", "12/02/2027, 03/05/2027", "Partecipanti per categoria", "Magione",
		"3. Le priorità e il loro stato di attuazione",
		"Le priorità approvate sono 3: 1 realizzata, 1 in corso nei tempi previsti e 1 in ritardo.",
		"Il quadro delle priorità", "35%, in ritardo", "da avviare",
		"3.1. Area Anziani", "Custodi sociali per gli anziani soli", "Realizzata · avanzamento 100%.",
		"Responsabile: Comune di Castiglione del Lago.", "Periodo: dall'8 gennaio 2027 al 31 dicembre 2027.",
		"Risorse: FNPS € 38.000,00 previsti, € 37.250,00 spesi; Comuni € 12.000,00 previsti, € 12.000,00 spesi. In tutto € 50.000,00 previsti, € 49.250,00 spesi.",
		"Avvio del servizio: raggiunta l'8 marzo 2027.", "Copertura di tutte le frazioni: raggiunta.",
		"Anziani seguiti: 134 persone su un obiettivo di 120 persone (rilevato l'11 novembre 2027).",
		"Il servizio prosegue nel 2028 con i fondi dei Comuni.",
		"3.2. Area Disabilità", "In attuazione · avanzamento 35% · in ritardo.",
		"Convenzioni con le aziende: prevista entro l'8 aprile 2027, non ancora raggiunta.",
		"Borse avviate: 4,5 su un obiettivo di 12.",
		"Approvata. L'attuazione non è ancora stata avviata: mancano responsabile, tempi e risorse.",
		"4. Le risorse", "Fondo regionale", "€ 15.000,00", "Totale", "€ 90.000,00", "€ 56.950,00", "63%",
		"5. Le azioni",
		"Nel 2027 è stata portata a termine 1 azione; ne restano aperte 2, di cui 1 oltre la scadenza.",
		"Azioni aperte (2)", "ASL Umbria 1: Dati sugli accessi al pronto soccorso degli over 75.", "scaduta",
		"Azioni portate a termine (1)", "fatta il 28 marzo 2027", "Inviata con PEC a tutti gli otto Comuni.",
		"6. La validazione delle priorità", "Tavolo Alto della Concertazione – seduta del 20 aprile 2027",
		"Approvata a maggioranza semplice: 6 favorevoli, 1 contrario, 1 astenuto.",
		"Custodi sociali per gli anziani soli (validata dal Tavolo Alto della Concertazione)",
		"La Responsabile dell'Ufficio di Piano", "Giulia Rossi")
	again, err := Relazione(relazioneFixture())
	if err != nil || !bytes.Equal(b, again) {
		t.Errorf("the same relazione gave different bytes (%v)", err)
	}
}

func TestRelazioneOfAnEmptyYear(t *testing.T) {
	r := relazioneFixture()
	r.Introduction, r.Participation, r.Held, r.Areas, r.Budget, r.Done, r.Open, r.Rounds = "", data.Participation{}, nil, nil,
		nil, nil, nil, nil
	b, err := Relazione(r)
	if err != nil {
		t.Fatal(err)
	}
	path := writePDF(t, "relazione-vuota.pdf", b)
	checkPDF(t, path)
	contains(t, "empty relazione", pdfText(t, path),
		"L'Ufficio di Piano non ha ancora scritto l'introduzione di questa relazione.",
		"Nel 2027 gli organi del Piano non hanno tenuto sedute.",
		"Il Tavolo dei Sindaci non ha ancora approvato priorità del Piano.",
		"Nessuna risorsa è ancora stata assegnata alle priorità approvate.",
		"Le sedute dell'anno non hanno assegnato azioni.",
		"Nel 2027 non si sono tenute votazioni di validazione dell'elenco delle priorità.")
}
