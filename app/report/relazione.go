package report

import (
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/italian"
)

// Relazione makes the relazione annuale consuntiva the Ufficio di Piano presents to the Tavolo dei
// Sindaci: its introduction; the year's sessions and who took part; each area's priorities with their
// stato di attuazione (who answers for them, progress, money planned and spent, milestones and
// indicators); the money by source; the actions done and still open; the validation rounds; and the
// signature of the Ufficio di Piano's responsible. A pure function of r: the date it carries is
// r.Changed.
func Relazione(r data.Relazione) ([]byte, error) {
	year := strconv.Itoa(r.Year)
	m := masthead{ambito: r.Ambito, capofila: r.Capofila, body: "Ufficio di Piano", date: r.Changed}
	m.day = "anno " + year
	doc, err := startDocument(m, docInfo{kind: "Relazione annuale consuntiva " + year})
	if err != nil {
		return nil, err
	}
	w := relazione{doc: doc, r: r, year: year}
	w.cover()
	doc.newPage()
	w.introduction()
	w.participation()
	w.priorities()
	w.money()
	w.actions()
	w.rounds()
	doc.space(closingSpace)
	doc.signatures(signature{italian.Agree(r.ResponsibleGender, "La Responsabile", "Il Responsabile") +
		" dell'Ufficio di Piano", r.Responsible})
	return doc.output()
}

// relazione writes the relazione annuale section by section.
type relazione struct {
	doc  *document
	r    data.Relazione
	year string
}

// cover is the first page: the Ambito, the plan, the title, the year and who presents it to whom.
func (w relazione) cover() {
	doc, r := w.doc, w.r
	doc.pdf.SetY(doc.top + 28)
	doc.centred(strings.TrimSpace(r.Ambito.Name), stTitle, colAccent)
	if reg := strings.TrimSpace(r.Ambito.Region); reg != "" {
		doc.centred("Regione "+reg, stSubtitle, colMuted)
	}
	doc.space(14)
	doc.centred("Piano di Zona", stSubtitle, colText)
	doc.space(4)
	doc.centred("Relazione annuale consuntiva", stCover, colAccent)
	doc.space(2)
	doc.centred("Anno "+w.year, stTitle, colText)
	doc.space(10)
	doc.centred("Presentata "+toThe(bodyName(w.bodies(), data.BodySindaci, "Tavolo dei Sindaci"))+
		": le sedute, la partecipazione, lo stato di attuazione delle priorità, le risorse, le azioni e la validazione",
		stSubtitle, colMuted)
	doc.pdf.SetY(doc.bottom - 6*stSubtitle.lead)
	doc.centred("Ufficio di Piano", stHeading, colText)
	for _, l := range nonEmpty(prefixed("Comune capofila: ", r.Capofila), italian.Day(r.Changed)) {
		doc.centred(l, stSubtitle, colText)
	}
}

// bodies are the Ambito's bodies, as the participation lists them.
func (w relazione) bodies() []data.Body {
	var out []data.Body
	for _, h := range w.r.Held {
		out = append(out, h.Body)
	}
	return out
}

// introduction is the Ufficio di Piano's own text.
func (w relazione) introduction() {
	w.doc.heading("1. Introduzione", stTitle)
	if strings.TrimSpace(w.r.Introduction) == "" {
		w.doc.paragraphs("L'Ufficio di Piano non ha ancora scritto l'introduzione di questa relazione.", stItalic, 0)
		return
	}
	w.doc.paragraphs(w.r.Introduction, stBody, 0)
}

// participation is the year's sessions per body, with the people present, by category and comune.
func (w relazione) participation() {
	doc, p := w.doc, w.r.Participation
	doc.heading("2. Le sedute e la partecipazione", stTitle)
	if p.Meetings == 0 {
		doc.paragraphs("Nel "+w.year+" gli organi del Piano non hanno tenuto sedute.", stBody, 0)
		return
	}
	s := "Nel " + w.year + " gli organi del Piano hanno tenuto " + count(p.Meetings) +
		plural(int64(p.Meetings), " seduta", " sedute")
	if p.People > 0 {
		s += ", con la partecipazione di " + count(p.People) + plural(int64(p.People), " persona", " persone") +
			" per un totale di " + count(p.Presences) + plural(int64(p.Presences), " presenza", " presenze")
	}
	doc.paragraphs(s+".", stBody, 0)
	days := map[string][]time.Time{}
	for _, h := range w.r.Held {
		days[h.Body.ID] = h.Days
	}
	var rows [][]string
	for _, b := range p.Bodies {
		if b.Meetings == 0 {
			continue
		}
		var when []string
		for _, d := range days[b.BodyID] {
			when = append(when, shortDay(d))
		}
		rows = append(rows, []string{b.Name, strings.Join(when, ", "), count(b.Meetings), count(b.People), count(b.Presences)})
	}
	rows = append(rows, []string{"Totale", "", count(p.Meetings), count(p.People), count(p.Presences)})
	doc.heading("Le sedute degli organi", stHeading)
	doc.table(table{cols: []column{{"Organo", 50, "L"}, {"Date delle sedute", 60, "L"}, {"Sedute", 17, "R"},
		{"Persone", 18, "R"}, {"Presenze", 19, "R"}}, zebra: true}, rows)
	doc.space(1.5)
	doc.paragraphs("Nel totale ogni persona è contata una volta sola, anche se ha partecipato a più sedute o a più organi.", stNote, 0)
	doc.heading("Partecipanti per categoria", stHeading)
	countBars(doc, p.Categories, categoryLabel)
	doc.heading("Partecipanti per comune", stHeading)
	countBars(doc, p.Comuni, comuneLabel)
}

// shortDay writes a day as a list of dates does: "12/02/2026".
func shortDay(t time.Time) string { return italian.Date(t) }

// priorities is, area by area, each approved priority with its stato di attuazione.
func (w relazione) priorities() {
	doc := w.doc
	doc.heading("3. Le priorità e il loro stato di attuazione", stTitle)
	n, late, done := 0, 0, 0
	for _, a := range w.r.Areas {
		for _, p := range a.Priorities {
			n++
			if p.Late {
				late++
			}
			if p.Proposal.State == data.StateRealizzata {
				done++
			}
		}
	}
	if n == 0 {
		doc.paragraphs("Il Tavolo dei Sindaci non ha ancora approvato priorità del Piano.", stBody, 0)
		return
	}
	s := "Le priorità approvate sono " + count(n) + ": " + andList(nonEmpty(
		countOf(done, "realizzata", "realizzate"), countOf(n-done-late, "in corso nei tempi previsti", "in corso nei tempi previsti"),
		countOf(late, "in ritardo", "in ritardo"))) + "."
	if n == 1 {
		s = "È stata approvata una priorità."
	}
	doc.paragraphs(s, stBody, 0)
	w.overview()
	number := 0
	for _, a := range w.r.Areas {
		if len(a.Priorities) == 0 {
			continue
		}
		number++
		doc.heading("3."+strconv.Itoa(number)+". Area "+strings.TrimSpace(a.Area.Name), stHeading)
		for _, p := range a.Priorities {
			w.priority(p)
		}
	}
}

// overview is the table of every priority at a glance: where it stands and with what money.
func (w relazione) overview() {
	type entry struct {
		area string
		p    data.ImplementationView
	}
	var all []entry
	for _, a := range w.r.Areas {
		for _, p := range a.Priorities {
			all = append(all, entry{a.Area.Name, p})
		}
	}
	// In the list's order, those without a place last.
	sort.SliceStable(all, func(i, j int) bool {
		a, b := all[i].p.Proposal.Priority, all[j].p.Proposal.Priority
		if (a > 0) != (b > 0) {
			return a > 0
		}
		return a < b
	})
	var rows [][]string
	for _, e := range all {
		{
			p := e.p
			place := "–"
			if p.Proposal.Priority > 0 {
				place = strconv.Itoa(p.Proposal.Priority)
			}
			progress := "da avviare"
			var planned, spent int64
			if p.ID != "" {
				progress = strconv.Itoa(p.Progress) + "%"
				if p.Late {
					progress += ", in ritardo"
				}
				for _, b := range p.Budget {
					planned += b.Planned
					spent += b.Spent
				}
			}
			rows = append(rows, []string{place, strings.TrimSpace(p.Proposal.Title), strings.TrimSpace(e.area),
				orDash(strings.TrimSpace(p.ResponsibleName)), progress, euro(planned), euro(spent)})
		}
	}
	w.doc.heading("Il quadro delle priorità", stHeading)
	w.doc.table(table{cols: []column{{"N.", 8, "R"}, {"Priorità", 40, "L"}, {"Area", 22, "L"}, {"Responsabile", 28, "L"},
		{"Stato", 20, "L"}, {"Previste", 23, "R"}, {"Spese", 23, "R"}}, zebra: true}, rows)
}

// countOf is "2 realizzate", or "" for none.
func countOf(n int, one, many string) string {
	switch n {
	case 0:
		return ""
	case 1:
		return "1 " + one
	}
	return count(n) + " " + many
}

// priority writes one priority: its title and place, who answers for it, the state, the progress and
// period, the money, the milestones and the indicators.
func (w relazione) priority(p data.ImplementationView) {
	doc := w.doc
	doc.need(6 * stBody.lead)
	title := strings.TrimSpace(p.Proposal.Title)
	mark := "–"
	if p.Proposal.Priority > 0 {
		mark = strconv.Itoa(p.Proposal.Priority) + "."
	}
	doc.item(mark, title, stBold, 0)
	state := italian.Capital(italian.State(p.Proposal.State))
	if p.ID == "" {
		doc.paragraphs(state+". L'attuazione non è ancora stata avviata: mancano responsabile, tempi e risorse.", stBody, 8)
		return
	}
	facts := []string{state, "avanzamento " + strconv.Itoa(p.Progress) + "%"}
	if p.Late {
		facts = append(facts, "in ritardo")
	}
	doc.paragraphs(strings.Join(facts, " · ")+".", stBody, 8)
	if who := strings.TrimSpace(p.ResponsibleName); who != "" {
		doc.paragraphs("Responsabile: "+who+".", stBody, 8)
	}
	if period := span(p.Start, p.End); period != "" {
		doc.paragraphs("Periodo: "+period+".", stBody, 8)
	}
	var money []string
	for _, b := range p.Budget {
		if b.Planned == 0 && b.Spent == 0 {
			continue
		}
		money = append(money, italian.Source(b.Source)+" "+euro(b.Planned)+" previsti, "+euro(b.Spent)+" spesi")
	}
	if len(money) > 0 {
		t := data.Totals(p.Budget)
		var planned, spent int64
		for _, b := range t {
			planned += b.Planned
			spent += b.Spent
		}
		doc.paragraphs("Risorse: "+strings.Join(money, "; ")+". In tutto "+euro(planned)+" previsti, "+
			euro(spent)+" spesi.", stBody, 8)
	}
	if len(p.Milestones) > 0 {
		doc.paragraphs("Tappe:", stBody, 8)
		for _, m := range p.Milestones {
			st := "entro " + theDay(m.Due)
			switch {
			case m.Done && !m.DoneOn.IsZero():
				st = "raggiunta " + theDay(m.DoneOn)
			case m.Done:
				st = "raggiunta"
			case !m.Due.IsZero() && m.Due.Before(w.r.Changed):
				st = "prevista entro " + theDay(m.Due) + ", non ancora raggiunta"
			case m.Due.IsZero():
				st = "senza data"
			}
			doc.item("–", strings.TrimSpace(m.Title)+": "+st+".", stBody, 10)
		}
	}
	if len(p.Indicators) > 0 {
		doc.paragraphs("Indicatori:", stBody, 8)
		for _, in := range p.Indicators {
			unit := ""
			if u := strings.TrimSpace(in.Unit); u != "" {
				unit = " " + u
			}
			line := strings.TrimSpace(in.Name) + ": " + italian.Number(in.Value) + unit + " su un obiettivo di " +
				italian.Number(in.Target) + unit
			if !in.MeasuredOn.IsZero() {
				line += " (rilevato " + theDay(in.MeasuredOn) + ")"
			}
			doc.item("–", line+".", stBody, 10)
		}
	}
	if notes := strings.TrimSpace(p.Notes); notes != "" {
		doc.paragraphs(notes, stNote, 8)
	}
	doc.space(2)
}

// span writes a period: "dal 1° marzo 2026 al 31 dicembre 2026", or one end of it.
func span(start, end time.Time) string {
	switch {
	case !start.IsZero() && !end.IsZero():
		return fromDay(start) + " " + toDay(end)
	case !start.IsZero():
		return fromDay(start)
	case !end.IsZero():
		return "fino " + toDay(end)
	}
	return ""
}

// money is the table of the resources by source: planned, spent, and the share spent.
func (w relazione) money() {
	doc := w.doc
	doc.heading("4. Le risorse", stTitle)
	var rows [][]string
	var planned, spent int64
	for _, b := range w.r.Budget {
		planned += b.Planned
		spent += b.Spent
		rows = append(rows, []string{italian.Capital(italian.Source(b.Source)), euro(b.Planned), euro(b.Spent),
			spentShare(b.Planned, b.Spent)})
	}
	if planned == 0 && spent == 0 {
		doc.paragraphs("Nessuna risorsa è ancora stata assegnata alle priorità approvate.", stBody, 0)
		return
	}
	rows = append(rows, []string{"Totale", euro(planned), euro(spent), spentShare(planned, spent)})
	doc.paragraphs("Le risorse assegnate alle priorità approvate, per fonte di finanziamento.", stBody, 0)
	doc.space(1.5)
	doc.table(table{cols: []column{{"Fonte", 54, "L"}, {"Previste", 40, "R"}, {"Spese", 40, "R"}, {"Spese sul previsto", 30, "R"}},
		zebra: true}, rows)
}

// spentShare is the share of the planned money spent: "42%", or "–" when nothing was planned.
func spentShare(planned, spent int64) string {
	if planned <= 0 {
		return "–"
	}
	return strconv.FormatInt((spent*100+planned/2)/planned, 10) + "%"
}

// actions lists the actions closed in the year and those still open, overdue first.
func (w relazione) actions() {
	doc := w.doc
	doc.heading("5. Le azioni", stTitle)
	done, open := w.r.Done, w.r.Open
	if len(done)+len(open) == 0 {
		doc.paragraphs("Le sedute dell'anno non hanno assegnato azioni.", stBody, 0)
		return
	}
	overdue := 0
	for _, a := range open {
		if a.Overdue {
			overdue++
		}
	}
	s := "Nel " + w.year + " sono state portate a termine " + count(len(done)) + " azioni"
	switch len(done) {
	case 0:
		s = "Nel " + w.year + " non è stata portata a termine alcuna azione"
	case 1:
		s = "Nel " + w.year + " è stata portata a termine 1 azione"
	}
	switch len(open) {
	case 0:
		s += "; non ne restano aperte"
	case 1:
		s += "; ne resta aperta 1"
	default:
		s += "; ne restano aperte " + count(len(open))
	}
	if overdue > 0 {
		s += ", di cui " + count(overdue) + " oltre la scadenza"
	}
	doc.paragraphs(s+".", stBody, 0)
	list := func(title string, items []data.ActionView) {
		if len(items) == 0 {
			return
		}
		doc.heading(title+" ("+count(len(items))+")", stHeading)
		for _, a := range items {
			line := strings.TrimSpace(a.What)
			if who := strings.TrimSpace(a.Who); who != "" {
				line = who + ": " + line
			}
			facts := []string{strings.TrimSpace(a.BodyName) + ", seduta " + italian.OfDay(a.SessionDate)}
			if !a.Due.IsZero() {
				facts = append(facts, "scadenza "+italian.Day(a.Due))
			}
			if a.Overdue {
				facts = append(facts, "scaduta")
			}
			if f := a.FollowUp; f != nil && f.Done && !f.DoneOn.IsZero() {
				facts = append(facts, "fatta "+theDay(f.DoneOn))
			}
			doc.item("–", period(line)+" ("+strings.Join(facts, "; ")+")", stBody, 0)
			if f := a.FollowUp; f != nil && strings.TrimSpace(f.Note) != "" {
				doc.paragraphs(f.Note, stNote, 8)
			}
		}
	}
	list("Azioni aperte", open)
	list("Azioni portate a termine", done)
}

// rounds states the validation votes of the year and what they decided.
func (w relazione) rounds() {
	doc := w.doc
	const heading = "6. La validazione delle priorità"
	if len(w.r.Rounds) == 0 {
		none := "Nel " + w.year + " non si sono tenute votazioni di validazione dell'elenco delle priorità."
		doc.keepWithSignature(stTitle.size*0.35 + float64(len(doc.wrap(heading, doc.width, stTitle)))*stTitle.lead + 1 +
			doc.textHeight(none, stBody, 0))
		doc.heading(heading, stTitle)
		doc.paragraphs(none, stBody, 0)
		return
	}
	doc.heading(heading, stTitle)
	for k, r := range w.r.Rounds {
		doc.heading(strings.Join(nonEmpty(strings.TrimSpace(r.Body.Name), sessionDay(r.Session)), " – "), stSub)
		doc.paragraphs(verbale{doc: doc}.voteLine(r.Vote), stBody, 0)
		doc.space(1.5)
		var decided []string
		for _, id := range r.Vote.Covers {
			title := strings.TrimSpace(w.r.Titles[id])
			if title == "" {
				continue
			}
			outcome := "non decisa da questa votazione"
			if st, ok := r.Moved[id]; ok {
				outcome = stateLabel(w.bodies(), st)
			}
			decided = append(decided, title+" ("+outcome+")")
		}
		// The last line of the last round shares a page with the signature.
		lastRound := k == len(w.r.Rounds)-1
		if lastRound && len(decided) == 0 {
			doc.keepWithSignature(doc.textHeight(roundOutcome(r), stBold, 0) + 3)
		}
		doc.paragraphs(roundOutcome(r), stBold, 0)
		for j, d := range decided {
			if lastRound && j == len(decided)-1 {
				doc.keepWithSignature(doc.itemHeight(d, stBody, 2) + 3)
			}
			doc.item("–", d, stBody, 2)
		}
		doc.space(3)
	}
}

// euro writes cents as documents write money: "€ 38.000,00".
func euro(cents int64) string { return "€ " + italian.Euro(cents) }
