package report

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/italian"
	"github.com/tavoli/tavoli/data/vote"
)

// Sintesi makes the Documento di sintesi the Ufficio di Piano takes to the Tavolo Alto and the Tavolo
// dei Sindaci: who took part in the tables' work, what each area said (strengths, critical points,
// strategies) and proposed (project ideas ranked by their consolidated score), the district's priority
// list, the outcome of the validation votes, and the rule the scores follow. With s.AreaID set it
// covers that area only. Like every document it is a pure function of its input: the date it carries
// is s.Changed. The passages marked riservati are printed without their marks.
func Sintesi(s data.Synthesis) ([]byte, error) {
	return sintesiCopy(fullCopy.synthesis(s), false)
}

// SintesiPublication makes the copy of the Documento di sintesi for publication: proposers who are
// private citizens by their initials, no contacts, and "[omissis]" for the passages riservati, titled as
// a copy for publication.
func SintesiPublication(s data.Synthesis) ([]byte, error) {
	return sintesiCopy(synthesisCopy(s).synthesis(s), true)
}

// sintesiCopy makes the full copy of the Documento di sintesi, or the copy for publication.
func sintesiCopy(s data.Synthesis, public bool) ([]byte, error) {
	w := sintesi{s: s, public: public}
	if s.AreaID != "" {
		for _, a := range s.Areas {
			if a.Area.ID == s.AreaID {
				w.area = &a.Area
			}
		}
		if w.area == nil {
			return nil, fmt.Errorf("report: area %s is not in the synthesis", s.AreaID)
		}
	}
	m := masthead{ambito: s.Ambito, capofila: s.Capofila, body: "Ufficio di Piano", date: s.Changed}
	m.day = prefixed("aggiornato ", toDay(s.Changed))
	if w.area != nil {
		m.area = w.area.Name
	}
	kind := "Documento di sintesi"
	if w.area != nil {
		kind += " dell'area " + strings.TrimSpace(w.area.Name)
	}
	if public {
		kind += publicationKind
	}
	doc, err := startDocument(m, docInfo{kind: kind})
	if err != nil {
		return nil, err
	}
	w.doc = doc
	w.cover()
	doc.newPage()
	w.journey()
	w.areas()
	doc.newPage()
	w.priorities()
	w.validation()
	w.rule()
	w.closing()
	return doc.output()
}

// sintesi writes the Documento di sintesi section by section; area is the one area it covers, nil
// for the whole district.
type sintesi struct {
	doc    *document
	s      data.Synthesis
	area   *data.Area
	public bool // the copy for publication
}

// inArea reports whether something of the area with this id belongs in the document.
func (w sintesi) inArea(areaID string) bool { return w.area == nil || areaID == w.area.ID }

// cover is the first page: the Ambito, the plan, the title and the date, centred.
func (w sintesi) cover() {
	doc, s := w.doc, w.s
	doc.pdf.SetY(doc.top + 28)
	doc.centred(strings.TrimSpace(s.Ambito.Name), stTitle, colAccent)
	if r := strings.TrimSpace(s.Ambito.Region); r != "" {
		doc.centred("Regione "+r, stSubtitle, colMuted)
	}
	doc.space(14)
	doc.centred("Piano di Zona", stSubtitle, colText)
	doc.space(4)
	doc.centred("Documento di sintesi", stCover, colAccent)
	if w.area != nil {
		doc.space(2)
		doc.centred("Area "+strings.TrimSpace(w.area.Name), stTitle, colText)
	}
	if w.public {
		doc.space(4)
		doc.centred("Copia per la pubblicazione", stTitle, colText)
	}
	doc.space(10)
	doc.centred("Il lavoro dei tavoli: partecipazione, proposte per area, priorità ed esiti della validazione", stSubtitle, colMuted)
	if w.public {
		doc.space(6)
		doc.centred(publicationNote, stNote, colMuted)
	}

	doc.pdf.SetY(doc.bottom - 6*stSubtitle.lead)
	doc.centred("Ufficio di Piano", stHeading, colText)
	for _, l := range nonEmpty(prefixed("Comune capofila: ", s.Capofila), italian.Day(s.Changed)) {
		doc.centred(l, stSubtitle, colText)
	}
}

// journey is "Il percorso": meetings, people and presences, by body, category and comune, and the
// proposals by area and kind.
func (w sintesi) journey() {
	doc, p := w.doc, w.s.Participation
	doc.heading("1. Il percorso", stTitle)
	doc.paragraphs(participationSentence(p), stBody, 0)

	doc.heading("Gli organi e gli incontri", stHeading)
	var rows [][]string
	for _, b := range p.Bodies {
		if b.AreaID != "" && w.area != nil && b.AreaID != w.area.ID {
			continue
		}
		kind := italian.BodyKind(b.Kind)
		if b.AreaName != "" {
			kind += " – area " + b.AreaName
		}
		rows = append(rows, []string{b.Name, kind, count(b.Meetings), count(b.People), count(b.Presences)})
	}
	if len(rows) == 0 {
		doc.paragraphs("Nessun organo ha ancora tenuto sedute.", stBody, 0)
	} else {
		total := "Totale"
		if w.area != nil {
			// The rows are the area's table and the district's bodies; the total is the whole Ambito's.
			total = "Totale dell'Ambito"
		}
		rows = append(rows, []string{total, "", count(p.Meetings), count(p.People), count(p.Presences)})
		doc.table(table{cols: []column{{"Organo", 48, "L"}, {"Tipo", 52, "L"}, {"Incontri", 18, "R"},
			{"Persone", 18, "R"}, {"Presenze", 18, "R"}}}, rows)
		doc.space(1.5)
		doc.paragraphs("Nel totale ogni persona è contata una volta sola, anche se ha partecipato a più incontri o a più organi.",
			stNote, 0)
	}

	doc.heading("Partecipanti per categoria", stHeading)
	countBars(doc, p.Categories, categoryLabel)
	doc.heading("Partecipanti per comune", stHeading)
	countBars(doc, p.Comuni, comuneLabel)

	doc.heading("Proposte per area e tipo", stHeading)
	w.proposalCounts(p.Proposals)
}

// participationSentence states the figures of the process as the seed does: "Si sono svolti 24
// incontri dei tavoli con la partecipazione di 312 persone".
func participationSentence(p data.Participation) string {
	if p.Meetings == 0 {
		return "Non si sono ancora svolti incontri dei tavoli."
	}
	s := "Si sono svolti " + count(p.Meetings) + " incontri dei tavoli"
	if p.Meetings == 1 {
		s = "Si è svolto un incontro dei tavoli"
	}
	if p.People == 0 {
		return s + "; non risultano presenze registrate."
	}
	return s + " con la partecipazione di " + count(p.People) + plural(int64(p.People), " persona", " persone") +
		", per un totale di " + count(p.Presences) + plural(int64(p.Presences), " presenza", " presenze") + "."
}

// countBars draws people counted under keys as bars, or says there is nobody to count.
func countBars(doc *document, counts []data.CountOf, label func(data.CountOf) string) {
	var rows []barRow
	for _, c := range counts {
		rows = append(rows, barRow{label(c), float64(c.N)})
	}
	if len(rows) == 0 {
		doc.paragraphs("Nessuna persona registrata.", stBody, 0)
		return
	}
	doc.bars(rows)
}

// categoryLabel names a participants' category in a count.
func categoryLabel(c data.CountOf) string {
	if c.Key == "" {
		return orText(c.Label, "Categoria non indicata")
	}
	return italian.Category(data.Category(c.Key))
}

// comuneLabel names a participants' comune in a count.
func comuneLabel(c data.CountOf) string { return orText(c.Label, "Altro comune o non indicato") }

// proposalCounts is the table of proposals by area and kind, with a total row for the district.
func (w sintesi) proposalCounts(areas []data.AreaProposals) {
	cols := []column{{"Area", 46, "L"}}
	for _, k := range data.ProposalKinds {
		cols = append(cols, column{italian.KindPlural(k), 19, "R"})
	}
	cols = append(cols, column{"Totale", 16, "R"})
	var rows [][]string
	totals := make([]int, len(data.ProposalKinds)+1)
	for _, a := range areas {
		if !w.inArea(a.AreaID) {
			continue
		}
		row := []string{a.Name}
		for i, k := range data.ProposalKinds {
			row = append(row, count(a.ByKind[k]))
			totals[i] += a.ByKind[k]
		}
		totals[len(totals)-1] += a.Total
		rows = append(rows, append(row, count(a.Total)))
	}
	if len(rows) == 0 {
		w.doc.paragraphs("Non sono ancora state raccolte proposte.", stBody, 0)
		return
	}
	if len(rows) > 1 {
		row := []string{"Totale"}
		for _, n := range totals {
			row = append(row, count(n))
		}
		rows = append(rows, row)
	}
	w.doc.table(table{cols: cols}, rows)
	w.doc.space(1.5)
	w.doc.paragraphs("Le proposte accorpate in un'altra sono contate una volta sola, in quella che le riunisce.", stNote, 0)
}

// areas writes, for each area, what its tables said and proposed; each area starts a page.
func (w sintesi) areas() {
	n := 0
	for _, a := range w.s.Areas {
		if !w.inArea(a.Area.ID) {
			continue
		}
		n++
		w.doc.newPage()
		if n == 1 {
			w.doc.heading("2. Le aree", stTitle)
		}
		w.writeArea("2."+strconv.Itoa(n), a)
	}
	if n == 0 {
		w.doc.newPage()
		w.doc.heading("2. Le aree", stTitle)
		w.doc.paragraphs("Non sono ancora state definite aree di intervento.", stBody, 0)
	}
}

func (w sintesi) writeArea(number string, a data.SynthesisArea) {
	doc := w.doc
	doc.heading(number+". Area "+strings.TrimSpace(a.Area.Name), stHeading)
	if strings.TrimSpace(a.Area.Description) != "" {
		doc.paragraphs(a.Area.Description, stItalic, 0)
	}
	w.proposalList("Punti di forza", a.Strengths, "Nessun punto di forza registrato.")
	w.proposalList("Criticità", a.Critical, "Nessuna criticità registrata.")
	w.proposalList("Strategie", a.Strategies, "Nessuna strategia registrata.")

	doc.heading("Ipotesi progettuali ("+count(len(a.Ideas))+")", stSub)
	if len(a.Ideas) == 0 {
		doc.paragraphs("Nessuna ipotesi progettuale registrata.", stBody, 0)
		return
	}
	// Ranked ideas first, in their order; those no vote reached after them, as they come.
	rows := make([][]string, 0, len(a.Ideas))
	for _, voted := range []bool{true, false} {
		for _, r := range a.Ideas {
			if (r.Rank > 0) != voted {
				continue
			}
			rank, score, votes, tables := "–", "non votata", "–", "–"
			if voted {
				rank, score, votes = strconv.Itoa(r.Rank), italian.Share(r.Score), count(r.Votes)
				tables = orDash(strings.Join(r.Tables, ", "))
			}
			bands := strings.Join(nonEmpty(italian.Cost(r.Cost), italian.Time(r.Duration)), "\n")
			title := r.Title
			if r.State == data.StateRespinta {
				title += " (respinta)" // ranked by the tables' votes, rejected since
			}
			rows = append(rows, []string{rank, title, score, votes, tables, orDash(bands)})
		}
	}
	// Widths in mm (the content is 164 wide): the headings and "€ 5.000–25.000" must not break.
	doc.table(table{cols: []column{{"Posto", 12, "R"}, {"Ipotesi progettuale", 51, "L"}, {"Punteggio", 19, "R"},
		{"Votazioni", 18, "R"}, {"Tavoli", 38, "L"}, {"Costo e durata", 26, "L"}}, zebra: true}, rows)
	w.rejected(a.Ideas)
}

// rejected writes why each rejected idea of an area was rejected: the tables read it here too.
func (w sintesi) rejected(ideas []data.Ranked) {
	var out []data.Ranked
	for _, r := range ideas {
		if r.State == data.StateRespinta {
			out = append(out, r)
		}
	}
	if len(out) == 0 {
		return
	}
	w.doc.heading("Ipotesi respinte e motivi ("+count(len(out))+")", stSub)
	for i, r := range out {
		w.doc.need(2 * stBody.lead)
		w.doc.item(strconv.Itoa(i+1)+".", strings.TrimSpace(r.Title), stBold, 2)
		w.doc.paragraphs(period("Motivo: "+orText(Why(r.ProposalView), "non registrato")), stBody, 10)
		w.doc.space(1.5)
	}
}

// proposalList writes proposals of one kind as a numbered list: the title, the text, and where the
// proposal came from and who made it.
func (w sintesi) proposalList(title string, props []data.ProposalView, none string) {
	doc := w.doc
	doc.heading(title+" ("+count(len(props))+")", stSub)
	if len(props) == 0 {
		doc.paragraphs(none, stBody, 0)
		return
	}
	for i, p := range props {
		doc.need(2 * stBody.lead)
		doc.item(strconv.Itoa(i+1)+".", strings.TrimSpace(p.Title), stBold, 2)
		if strings.TrimSpace(p.Text) != "" {
			doc.paragraphs(p.Text, stBody, 10)
		}
		doc.paragraphs(origin(p), stNote, 10)
		doc.space(1.5)
	}
}

// origin says where a proposal came from and who made it: "Tavolo tematico Anziani, seduta del 12
// marzo 2027; proposta da Maria Rossi (ASL Umbria 1)".
func origin(p data.ProposalView) string {
	where := "Ufficio di Piano"
	if p.BodyName != "" {
		where = strings.Join(nonEmpty(p.BodyName, prefixed("seduta ", italian.OfDay(p.SessionDate))), ", ")
	}
	who := strings.TrimSpace(proposerProse(p))
	if org := strings.TrimSpace(p.OrganisationName); org != "" {
		if who != "" {
			who += " (" + org + ")"
		} else {
			who = org
		}
	}
	return strings.Join(nonEmpty(where, prefixed("proposta da ", who)), "; ")
}

// priorities is the district's priority list in the office's order (the area's entries only, in an
// area's document, keeping their place in the district's list).
func (w sintesi) priorities() {
	doc := w.doc
	doc.heading("3. Elenco delle priorità", stTitle)
	var rows [][]string
	for i, r := range w.s.Priorities {
		if !w.inArea(r.AreaID) {
			continue
		}
		pos := r.Priority
		if pos <= 0 {
			pos = i + 1
		}
		score := "non votata"
		if r.Rank > 0 {
			score = italian.Share(r.Score)
		}
		rows = append(rows, []string{strconv.Itoa(pos), r.Title, r.AreaName, score, w.stateLabel(r.State)})
	}
	switch {
	case len(rows) > 0:
		doc.table(table{cols: []column{{"N.", 8, "R"}, {"Proposta", 60, "L"}, {"Area", 34, "L"},
			{"Punteggio", 19, "R"}, {"Stato", 43, "L"}}, zebra: true}, rows)
	case len(w.s.Priorities) > 0:
		doc.paragraphs("Nessuna proposta dell'area è nell'elenco delle priorità.", stBody, 0)
	default:
		doc.paragraphs("L'elenco delle priorità non è ancora stato definito.", stBody, 0)
	}
	w.explanations()
}

// validation states each validation vote on the priority list as the verbale states a vote: how it
// was held, the quorum when it opened, and its outcome.
func (w sintesi) validation() {
	doc := w.doc
	doc.heading("4. Esiti della validazione", stTitle)
	if len(w.s.Rounds) == 0 {
		doc.paragraphs("La validazione non è ancora avvenuta.", stBody, 0)
		return
	}
	// A validation vote covers priorities; one taken off the list since is still found among the ideas.
	titles := map[string]data.Ranked{}
	for _, a := range w.s.Areas {
		for _, r := range a.Ideas {
			titles[r.ID] = r
		}
	}
	for _, r := range w.s.Priorities {
		titles[r.ID] = r
	}
	for _, r := range w.s.Rounds {
		doc.heading(strings.Join(nonEmpty(strings.TrimSpace(r.Body.Name), sessionDay(r.Session)), " – "), stSub)
		doc.paragraphs(verbale{doc: doc}.voteLine(r.Vote), stBody, 0)
		doc.space(1.5)
		doc.paragraphs(roundOutcome(r), stBold, 0)
		if r.Vote.Secret && len(r.Voted) > 0 {
			doc.paragraphs("Hanno votato "+count(len(r.Voted))+plural(int64(len(r.Voted)), " componente.", " componenti."), stBody, 0)
		}
		var covered []data.Ranked
		for _, id := range r.Vote.Covers {
			if p, ok := titles[id]; ok && w.inArea(p.AreaID) {
				covered = append(covered, p)
			}
		}
		if len(covered) > 0 {
			doc.space(1.5)
			intro := "Proposte dell'elenco oggetto della votazione:"
			if w.area != nil {
				intro = "Proposte dell'area oggetto della votazione:"
			}
			doc.paragraphs(intro, stBody, 0)
			for _, p := range covered {
				// What this round decided; the proposal may have moved on since (the priority list above
				// says where it stands now).
				outcome := "non decisa da questa votazione"
				if st, ok := r.Moved[p.ID]; ok {
					outcome = w.stateLabel(st)
				}
				doc.item("–", p.Title+" ("+outcome+")", stBody, 2)
			}
		}
		doc.space(3)
	}
}

// roundOutcome is the outcome of a validation vote in the words of the verbale.
func roundOutcome(r data.Round) string {
	if r.Vote.Status != data.VoteChiusa {
		return "La votazione non è ancora chiusa."
	}
	res, err := vote.Tally(vote.CountOf(r.Vote, r.Session.Call, r.Ballots))
	if err != nil {
		return "L'esito non risulta dalle schede registrate."
	}
	return Outcome(res)
}

// rule prints the rule the scores were computed with, so that anyone can redo them, and the rule for
// merged proposals with a worked example.
func (w sintesi) rule() {
	doc := w.doc
	how := "ogni votazione pesa uguale"
	if w.weighing() == data.WeighVoters {
		how = "ponderata per votanti"
	}
	text := "Punteggio: media delle quote normalizzate ottenute nelle votazioni di priorità dei tavoli " +
		"tematici tenute con il numero legale (" + how + "); " +
		"quota = parte del totale (punti, bollini, approvazioni, Borda), (n − posizione)/(n − 1) per Schulze, " +
		"(media − minimo)/(massimo − minimo) per i punteggi per criteri. La quota segue il risultato di ciascuna " +
		"votazione: una proposta che la votazione mette più in alto non riceve mai una quota minore, e le proposte " +
		"che lascia a pari merito ricevono la stessa quota; l'eventuale spareggio (sorteggio o scheda di chi " +
		"presiede) decide soltanto chi vince quella votazione.\n" + mergeRule
	// The last section and the signature under it share a page: the document never ends on a page that
	// holds the signature alone.
	heading := doc.wrap("5. Regola di calcolo del punteggio", doc.width, stTitle)
	body := doc.wrap(text, doc.width, stBody)
	doc.need(stTitle.size*0.35 + float64(len(heading))*stTitle.lead + 1 + float64(len(body))*stBody.lead +
		3*1.6 + closingSpace + signatureHeight)
	doc.heading("5. Regola di calcolo del punteggio", stTitle)
	doc.paragraphs(text, stBody, 0)
}

// mergeRule is the rule for merged proposals in words, with a worked example: merging never punishes
// an idea (data/consolidate does the counting).
const mergeRule = "Proposte accorpate. L'accorpamento non toglie punteggio a un'idea: la proposta accorpata riceve " +
	"il punteggio più alto tra quelli dei gruppi che si possono formare con le sue proposte d'origine, " +
	"contando per ciascun gruppo soltanto le votazioni in cui compare (le quote di più proposte del gruppo " +
	"votate insieme si sommano). Il suo punteggio non è quindi mai inferiore a quello della migliore delle " +
	"sue parti, e annullando l'accorpamento ciascuna proposta riprende il punteggio che aveva.\n" +
	"Esempio: una proposta è prima nella graduatoria Schulze di un tavolo (quota 1,00); un'altra ha ottenuto " +
	"a un altro tavolo 1 bollino su 15 (quota 0,07). Accorpate, la media delle due votazioni sarebbe " +
	"(1,00 + 0,07)/2 = 0,53: la proposta accorpata riceve invece 1,00, il punteggio della parte migliore. " +
	"Se le due proposte fossero state votate allo stesso tavolo, con quote 0,40 e 0,20, conterebbe la somma, 0,60."

// closingSpace is the room between the last section and the signature.
const closingSpace = 10.0

// closing is the office's signature under the document, with the name of the Ufficio di Piano's head
// when the registry knows it.
func (w sintesi) closing() {
	w.doc.space(closingSpace)
	w.doc.signatures(signature{italian.Agree(w.s.ResponsibleGender, "La Responsabile", "Il Responsabile") +
		" dell'Ufficio di Piano", w.s.Responsible})
}

// stateLabel names a proposal's state as the list prints it; validation and approval name the body
// that gives them, as the Ambito calls it.
func (w sintesi) stateLabel(s data.ProposalState) string { return stateLabel(w.s.Bodies, s) }

// stateLabel names a proposal's state; validation and approval name the body that gives them, as the
// Ambito calls it ("validata dal Tavolo Alto della Concertazione").
func stateLabel(bodies []data.Body, s data.ProposalState) string {
	switch s {
	case data.StateValidata:
		return italian.State(s) + " " + byThe(bodyName(bodies, data.BodyTavoloAlto, "Tavolo Alto"))
	case data.StateApprovata:
		return italian.State(s) + " " + byThe(bodyName(bodies, data.BodySindaci, "Tavolo dei Sindaci"))
	}
	return italian.State(s)
}

// bodyName is the name of the Ambito's first body of a kind, or a fallback when it has none.
func bodyName(bodies []data.Body, k data.BodyKind, fallback string) string {
	for _, b := range bodies {
		if b.Kind == k && strings.TrimSpace(b.Name) != "" {
			return strings.TrimSpace(b.Name)
		}
	}
	return fallback
}

// byThe is "da" with the article a body's name needs: "dal Tavolo Alto", "dalla Conferenza dei
// Sindaci", "dall'Assemblea dei Sindaci".
func byThe(name string) string {
	of := ofThe(name)
	for _, p := range [][2]string{{"della ", "dalla "}, {"dell'", "dall'"}, {"del ", "dal "}} {
		if rest, ok := strings.CutPrefix(of, p[0]); ok {
			return p[1] + rest
		}
	}
	return "da " + name
}

// toDay writes "al 12 maggio 2027", with the article elided before a vowel: "all'8 aprile 2027"
// ("" for a zero time).
func toDay(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	if strings.HasPrefix(italian.OfDay(t), "dell'") {
		return "all'" + italian.Day(t)
	}
	return "al " + italian.Day(t)
}

// count writes a whole number the Italian way: 1.250.
func count(n int) string { return italian.Int(int64(n)) }

// orText is s, or a fallback when s is blank.
func orText(s, fallback string) string {
	if strings.TrimSpace(s) == "" {
		return fallback
	}
	return s
}
