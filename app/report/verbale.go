package report

import (
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/italian"
	"github.com/tavoli/tavoli/data/vote"
)

// Verbale makes the minutes of a session with everything an Italian verbale must hold: body, day,
// place, opening and closing time, call, who presides and who takes the minutes, present and absent,
// the numero legale, each item of the ordine del giorno with its discussion, proposals, votes,
// decisions and actions, and the signatures under "Letto, approvato e sottoscritto".
//
// A session that was never held has no verbale: it is refused with a coded error, whoever asks. The
// passages marked riservati are printed without their marks (see data.FullText).
func Verbale(d data.Dossier) ([]byte, error) {
	return verbaleCopy(fullCopy.dossier(d), false)
}

// VerbalePublication makes the copy of the verbale for publication at the albo pretorio: the same act,
// with private citizens by their initials, no contacts, and "[omissis]" for the passages riservati,
// titled and named as a copy for publication. An approved verbale's copy is made from its session's
// data, which the approval locked.
func VerbalePublication(d data.Dossier) ([]byte, error) {
	return verbaleCopy(publicCopy(d).dossier(d), true)
}

// verbaleCopy makes the full copy of the verbale, or the copy for publication.
func verbaleCopy(d data.Dossier, public bool) ([]byte, error) {
	s := d.Session
	if !s.Status.Held() {
		return nil, data.Errorf(data.EInvalid, "err.verbale.not_held", "body", strings.TrimSpace(clean(d.Body.Name)),
			"day", italian.Day(s.Date), "status", string(s.Status))
	}
	// Until its approval a verbale is a draft, and says so in its title and on every page.
	kind, note := "Verbale", "BOZZA, non ancora approvato"
	if s.CorrectsID != "" {
		kind = "Atto di rettifica"
	}
	if s.Status == data.SessionApprovata {
		note = "verbale approvato"
	}
	if public {
		kind += publicationKind
	}
	doc, err := newDocument(d, docInfo{kind: kind, note: note, draft: s.Status != data.SessionApprovata})
	if err != nil {
		return nil, err
	}
	v := verbale{doc: doc, d: d, items: agenda(d), public: public}
	v.opening()
	v.attendance()
	v.agendaItems()
	v.closing()
	return doc.output()
}

// verbale writes the minutes section by section.
type verbale struct {
	doc    *document
	d      data.Dossier
	items  []data.AgendaItem
	public bool // the copy for publication
}

func (v verbale) opening() {
	doc, d, s := v.doc, v.d, v.d.Session
	body := strings.TrimSpace(clean(d.Body.Name))
	// The act carries the day the meeting was held: the start's, when it started on another day than
	// the one it was convened for.
	day := s.HeldOn()
	draft := ""
	if s.Status != data.SessionApprovata {
		draft = "BOZZA – "
	}
	if s.CorrectsID != "" {
		doc.title(draft+"ATTO DI RETTIFICA", stTitle)
		doc.use(stSubtitle, colText)
		of, _ := corrected(d)
		doc.line("rettifica "+of, doc.left, doc.width, stSubtitle.lead, "C")
	} else {
		number := ""
		if d.Number > 0 {
			number = "n. " + strconv.Itoa(d.Number) + "/" + strconv.Itoa(day.In(data.Zone).Year()) + " "
		}
		doc.title(draft+strings.ToUpper(strings.TrimSpace("Verbale "+number+"della seduta "+orBlank(italian.OfDay(day), 16))), stTitle)
	}
	if v.public {
		doc.use(stSubtitle, colAccent)
		doc.line("Copia per la pubblicazione", doc.left, doc.width, stSubtitle.lead, "C")
	}
	doc.use(stSubtitle, colText)
	sub := body
	if d.AreaName != "" {
		sub += " – area " + d.AreaName
	}
	for _, l := range doc.wrap(sub, doc.width, stSubtitle) {
		doc.line(l, doc.left, doc.width, stSubtitle.lead, "C")
	}
	doc.space(2)
	doc.use(stBody, colText)
	doc.line(protocol(s.VerbaleProtocol, s.VerbaleDate), doc.left, doc.width, stBody.lead, "L")
	doc.space(4)
	if v.public {
		doc.paragraphs(publicationNote, stNote, 0)
		doc.space(3)
	}

	text := "Il giorno " + orBlank(italian.WeekdayDay(day), 24) + ", alle ore " + orBlank(italian.Clock(s.Started), 6) +
		", presso " + orBlank(s.Place, 30) + ", si è svolta in " + callLabel(s.Call) + " la seduta " + ofThe(body)
	if d.Ambito.Name != "" {
		text += " " + ofThe(d.Ambito.Name)
	}
	if s.CorrectsID == "" {
		p := protocol(s.ConvocationProtocol, s.ConvocationDate)
		text += ", regolarmente convocata con nota " + strings.ToLower(p[:1]) + p[1:]
	} else if !s.Date.IsZero() {
		text += ", convocata"
	}
	text += convenedFor(s) + "."
	if s.CorrectsID != "" {
		_, object := corrected(d)
		text += " Con il presente atto si rettifica " + object + ", che resta agli atti nel testo approvato."
	}
	doc.paragraphs(text, stBody, 0)
	doc.space(2)
	doc.paragraphs(officersSentence(d), stBody, 0)
}

// convenedFor is when the session was convened, after "convocata": " per le ore 15:00", with the
// weekday and day too when it was held on another day (see data.Session.StartedOffDay).
func convenedFor(s data.Session) string {
	c := italian.Clock(s.Date)
	switch {
	case c == "":
		return ""
	case s.StartedOffDay():
		return " per " + italian.WeekdayDay(s.Date) + " alle ore " + c
	}
	return " per le ore " + c
}

// corrected names the approved verbale a correction act corrects, after "rettifica" ("del verbale
// della seduta del …") and as an object ("il verbale della seduta del …"), by the corrected session's
// date.
func corrected(d data.Dossier) (of, object string) {
	if d.Corrects != nil && !d.Corrects.Date.IsZero() {
		day := italian.OfDay(d.Corrects.Date)
		return "del verbale della seduta " + day, "il verbale della seduta " + day
	}
	return "di un verbale già approvato", "un verbale già approvato"
}

func (v verbale) attendance() {
	doc, d := v.doc, v.d
	r := rollCall(d.Register)
	// The segretario takes the minutes: never a missing member, with a seat or without one.
	r.excused, r.absent = notSecretary(d.Session, r.excused), notSecretary(d.Session, r.absent)
	doc.heading("Presenze", stHeading)
	if len(r.present) == 0 {
		doc.paragraphs("Nessun componente risulta presente.", stBody, 0)
	} else {
		doc.paragraphs("Sono presenti i componenti:", stBody, 0)
		doc.space(1.5)
		v.presentTable(r.present, d.Body.Rules.Weighting != data.WeightHead)
	}
	if len(r.guests) > 0 {
		doc.space(3)
		doc.paragraphs("Partecipano inoltre, senza diritto di voto:", stBody, 0)
		doc.space(1.5)
		v.presentTable(r.guests, false)
	}
	if len(r.excused) > 0 {
		doc.space(3)
		doc.paragraphs("Assenti giustificati: "+nameList(r.excused), stBody, 0)
	}
	if len(r.absent) > 0 {
		doc.space(3)
		doc.paragraphs("Assenti: "+nameList(r.absent), stBody, 0)
	}

	doc.heading("Numero legale", stHeading)
	// The quorum is stated as the president found it: at the opening, or when enough had signed in,
	// naming who was present then; the comings and goings after it follow, so that the count, the
	// names and the table above agree.
	at, q := vote.Opening(d)
	var then []data.RegisterLine
	for _, l := range r.present {
		if l.PresentAt(at) {
			then = append(then, l)
		}
	}
	when := "Alla verifica del numero legale"
	if c := italian.Clock(at); c != "" {
		when += ", alle ore " + c
	}
	if len(then) == 0 {
		doc.paragraphs(when+", non risulta presente alcun componente.", stBody, 0)
	} else {
		doc.paragraphs(when+", "+plural(int64(len(then)), "risulta presente: ", "risultano presenti: ")+nameList(then), stBody, 0)
	}
	doc.space(1.5)
	text := quorumSentence(q, d.President.Gender)
	if start := d.Session.Started; !start.IsZero() && at.Sub(start) >= time.Minute && q.Holds {
		text = "Alle ore " + italian.Clock(at) + ", " + strings.ToLower(text[:1]) + text[1:]
	}
	doc.paragraphs(text, stBody, 0)
	if m := movements(r.present, at); m != "" {
		doc.space(1.5)
		doc.paragraphs(m, stBody, 0)
	}
}

// notSecretary leaves out of a list of members the session's segretario verbalizzante and whoever
// is the body's segretario.
func notSecretary(s data.Session, lines []data.RegisterLine) []data.RegisterLine {
	var out []data.RegisterLine
	for _, l := range lines {
		if l.Role == data.RoleSegretario || (s.SecretaryID != "" && l.PersonID == s.SecretaryID) {
			continue
		}
		out = append(out, l)
	}
	return out
}

// movements writes the members' arrivals after the numero legale was verified at at, and their
// departures, in the order they happened: "Alle ore 15:25 entra Rossi Maria (Magione); alle ore 17:40
// esce Rossi Maria (Magione)." It is "" when nobody came or went.
func movements(present []data.RegisterLine, at time.Time) string {
	type move struct {
		t    time.Time
		verb string
		l    data.RegisterLine
	}
	var moves []move
	for _, l := range present {
		if !at.IsZero() && l.Arrived.After(at) {
			moves = append(moves, move{l.Arrived, "entra", l})
		}
		if !l.Left.IsZero() {
			moves = append(moves, move{l.Left, "esce", l})
		}
	}
	if len(moves) == 0 {
		return ""
	}
	sort.SliceStable(moves, func(i, j int) bool { return moves[i].t.Before(moves[j].t) })
	parts := make([]string, 0, len(moves))
	for _, m := range moves {
		parts = append(parts, "alle ore "+italian.Clock(m.t)+" "+m.verb+" "+
			names([]data.RegisterLine{m.l}))
	}
	s := period(strings.Join(parts, "; "))
	return strings.ToUpper(s[:1]) + s[1:]
}

// presentTable lists people present with what they stand for and when they came and went; with
// weighted seats it shows each seat's population, which the numero legale is counted on.
func (v verbale) presentTable(lines []data.RegisterLine, weighted bool) {
	cols := []column{{"N.", 7, "R"}, {"Nominativo", 46, "L"}, {"Seggio / ente", 62, "L"}}
	if weighted {
		cols = append(cols, column{"Abitanti", 15, "R"})
	}
	cols = append(cols, column{"Arrivo", 13, "C"}, column{"Uscita", 13, "C"})
	rows := make([][]string, 0, len(lines))
	for i, l := range lines {
		row := []string{strconv.Itoa(i + 1), l.PersonName, standsFor(l)}
		if weighted {
			pop := ""
			if l.SeatID != "" {
				pop = italian.Int(int64(l.Population))
			}
			row = append(row, pop)
		}
		rows = append(rows, append(row, italian.Clock(l.Arrived), italian.Clock(l.Left)))
	}
	v.doc.table(table{cols: cols}, rows)
}

func (v verbale) agendaItems() {
	doc, d := v.doc, v.d
	doc.heading("Ordine del giorno", stHeading)
	if len(v.items) == 0 {
		doc.paragraphs("La seduta non aveva punti all'ordine del giorno.", stBody, 0)
	}
	for i, it := range v.items {
		doc.item(strconv.Itoa(i+1)+".", it.Title, stBody, 0)
	}
	known := map[string]bool{}
	for i, it := range v.items {
		known[it.ID] = true
		doc.heading(strconv.Itoa(i+1)+". "+it.Title, stHeading)
		if i == 0 && d.Previous != nil && !d.Previous.Date.IsZero() {
			doc.paragraphs("Viene esaminato il verbale della seduta "+italian.OfDay(d.Previous.Date)+".", stBody, 0)
			doc.space(1.6)
		}
		if isActionCheck(it) {
			verbaleActions(doc, d)
		}
		props, votes, decisions, actions := d.ItemProposals(it.ID), d.ItemVotes(it.ID), d.ItemDecisions(it.ID), d.ItemActions(it.ID)
		speakers := v.speakers(it.ID)
		if speakers != "" {
			doc.paragraphs(speakers, stBody, 0)
			doc.space(1.6)
		}
		if strings.TrimSpace(it.Notes) != "" {
			doc.paragraphs(it.Notes, stBody, 0)
		} else if !anything(props, votes, decisions, actions) && speakers == "" {
			doc.paragraphs("Non sono state registrate note sulla discussione.", stItalic, 0)
		}
		v.writeRecord(props, votes, decisions, actions)
	}

	// What was not recorded on an item (or on one no longer on the agenda) still belongs to the act.
	props := loose(d.Proposals, func(x data.ProposalView) string { return x.AgendaItemID }, known)
	votes := loose(d.Votes, func(x data.Vote) string { return x.AgendaItemID }, known)
	decisions := loose(d.Decisions, func(x data.Decision) string { return x.AgendaItemID }, known)
	actions := loose(d.Actions, func(x data.ActionItem) string { return x.AgendaItemID }, known)
	if anything(props, votes, decisions, actions) {
		var what []string
		for _, g := range []struct {
			n    int
			name string
		}{{len(props), "proposte"}, {len(votes), "votazioni"}, {len(decisions), "decisioni"}, {len(actions), "azioni"}} {
			if g.n > 0 {
				what = append(what, g.name)
			}
		}
		doc.heading("Altre "+andList(what), stHeading)
		v.writeRecord(props, votes, decisions, actions)
	}
}

// loose keeps the records whose agenda item is not among the known ones.
func loose[T any](xs []T, item func(T) string, known map[string]bool) []T {
	var out []T
	for _, x := range xs {
		if !known[item(x)] {
			out = append(out, x)
		}
	}
	return out
}

// anything reports whether there is anything to write beside the notes.
func anything(p []data.ProposalView, vs []data.Vote, ds []data.Decision, as []data.ActionItem) bool {
	return len(p)+len(vs)+len(ds)+len(as) > 0
}

// writeRecord writes the proposals, votes, decisions and actions of an item, each group under its
// own small heading and only when there is something in it.
func (v verbale) writeRecord(props []data.ProposalView, votes []data.Vote, decisions []data.Decision, actions []data.ActionItem) {
	doc := v.doc
	if len(props) > 0 {
		doc.heading("Proposte raccolte ("+strconv.Itoa(len(props))+")", stSub)
		for i, p := range props {
			doc.item(strconv.Itoa(i+1)+".", proposalLine(p), stBody, 2)
			if strings.TrimSpace(p.Text) != "" {
				doc.paragraphs(p.Text, stNote, 10)
			}
			doc.space(1.2)
		}
	}
	if len(votes) > 0 {
		doc.heading("Votazioni", stSub)
		for i, x := range votes {
			line := v.voteLine(x)
			if x.Status == data.VoteChiusa {
				if r, err := tallyOf(v.d, x); err == nil {
					line += " " + OutcomeNamed(v.d, x, r)
				}
			}
			doc.item(strconv.Itoa(i+1)+".", line, stBody, 2)
			if len(x.Covers) > 0 {
				doc.paragraphs("Proposte dell'elenco delle priorità oggetto della votazione:", stNote, 10)
				for j, id := range x.Covers {
					doc.item(strconv.Itoa(j+1)+")", quote(v.d.Covered[id]), stNote, 12)
				}
			}
			doc.space(1.2)
		}
	}
	if len(decisions) > 0 {
		doc.heading("Decisioni", stSub)
		for _, x := range decisions {
			doc.item("–", x.Text, stBody, 2)
			doc.space(1.2)
		}
	}
	if len(actions) > 0 {
		doc.heading("Azioni concordate", stSub)
		rows := make([][]string, 0, len(actions))
		for _, a := range actions {
			rows = append(rows, []string{a.Who, a.What, orDash(italian.Day(a.Due))})
		}
		doc.table(table{cols: []column{{"Chi", 36, "L"}, {"Cosa", 79, "L"}, {"Entro il", 26, "L"}}}, rows)
	}
}

// proposalLine is a proposal in one sentence: kind, title, who proposed it, and its bands.
func proposalLine(p data.ProposalView) string {
	s := italian.Kind(p.Kind) + ": " + quote(p.Title)
	by := strings.Join(nonEmpty(proposerProse(p), p.OrganisationName), ", ")
	if by != "" {
		s += ", proposta da " + by
	}
	details := nonEmpty(prefixed("destinatari: ", p.TargetGroup),
		prefixed("comuni interessati: ", strings.Join(p.ComuneNames, ", ")),
		prefixed("costo stimato: ", italian.Cost(p.Cost)), prefixed("durata stimata: ", italian.Time(p.Duration)))
	if len(details) > 0 {
		s += " (" + strings.Join(details, "; ") + ")"
	}
	return s + "."
}

// voteLine records how a vote was held and the quorum when it opened. Its counts are written by
// the result, with the vote's decision.
func (v verbale) voteLine(x data.Vote) string {
	how := "votazione palese"
	if x.Secret {
		how = "votazione a scrutinio segreto"
	} else if byShowOfHands(v.d, x) {
		how = "votazione palese per alzata di mano"
	}
	s := quote(x.Subject) + ": " + how + " (" + methodLabel(x.Method) + ")"
	if c := italian.Clock(x.Opened); c != "" {
		s += ", aperta alle ore " + c
	}
	s += "."
	var options []string
	for _, o := range x.Options {
		options = append(options, quote(o.Label))
	}
	if len(options) > 0 {
		s += " Opzioni in votazione: " + strings.Join(options, ", ") + "."
	}
	if x.QuorumRequired > 0 || x.QuorumPresent > 0 {
		s += " Numero legale all'apertura: "
		switch x.Rules.Weighting {
		case data.WeightPopulation:
			s += inhabitants(x.QuorumPresent) + " rappresentati, " + italian.Int(x.QuorumRequired) + " richiesti."
		case data.WeightHead:
			s += strconv.FormatInt(x.QuorumPresent, 10) + plural(x.QuorumPresent, " presente", " presenti") +
				", " + strconv.FormatInt(x.QuorumRequired, 10) + plural(x.QuorumRequired, " richiesto", " richiesti") + "."
		default:
			s += strconv.FormatInt(x.QuorumPresent, 10) + plural(x.QuorumPresent, " componente presente", " componenti presenti") +
				" (" + strconv.FormatInt(x.QuorumRequired, 10) + " richiesti)"
			if x.QuorumPopulation > 0 || x.QuorumRequiredPopulation > 0 {
				s += " e " + inhabitants(x.QuorumPopulation) + " rappresentati (" + italian.Int(x.QuorumRequiredPopulation) + " richiesti)"
			}
			s += "."
		}
	}
	return s
}

func (v verbale) closing() {
	doc, d := v.doc, v.d
	doc.space(4)
	// The closing sentence, the formula, the signatures and the note of the approval share a page.
	note := ""
	if a := d.ApprovedIn; d.Session.Status == data.SessionApprovata && a != nil {
		note = approvedBy(d, *a)
	}
	h := stBody.lead + 6 + stBody.lead + 4 + signatureHeight
	if note != "" {
		h += 4 + doc.textHeight(note, stBody, 0)
	}
	doc.need(h)
	doc.paragraphs("La seduta è tolta alle ore "+orBlank(italian.Clock(d.Session.Ended), 6)+".", stBody, 0)
	doc.space(6)
	doc.use(stBold, colText)
	doc.line("Letto, approvato e sottoscritto", doc.left, doc.width, stBody.lead, "C")
	doc.space(4)
	doc.signatures(signature{presidentLabel(d), d.PresidentName}, signature{secretaryLabel(d), d.SecretaryName})
	if note != "" {
		doc.space(4)
		doc.use(stBody, colText)
		doc.paragraphs(note, stBody, 0)
	}
}

// orDash is s, or a dash in a table cell with nothing to say.
func orDash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "–"
	}
	return s
}

// approvedBy says when, by which session and with what vote a verbale was approved: "Verbale approvato
// dal Tavolo dei Sindaci nella seduta del 9 aprile 2027, all'unanimità dei votanti, astenuto il Comune
// di Paciano."
func approvedBy(d data.Dossier, in data.Session) string {
	text := "Verbale approvato " + byThe(clean(d.Body.Name)) + " nella seduta " + italian.OfDay(in.Date)
	a := d.Approval
	if a == nil {
		return text + "."
	}
	seat := map[string]voter{}
	for _, v := range a.Vote.Voters {
		seat[v.ID] = voter{seat: v.Label}
	}
	for _, st := range d.Seats {
		seat[st.ID] = voter{seat: seatLabel(st), comune: st.ComuneID != ""}
	}
	var fav, con, ast int64
	var against, abstaining []voter
	byHand := false
	for _, b := range a.Ballots {
		n := int64(max(b.Count, 1))
		if b.Voter == "" {
			byHand = true
		}
		switch b.Choice {
		case vote.Favorevole:
			fav += n
		case vote.Contrario:
			con += n
			if b.Voter != "" {
				against = append(against, seat[b.Voter])
			}
		case vote.Astenuto:
			ast += n
			if b.Voter != "" {
				abstaining = append(abstaining, seat[b.Voter])
			}
		}
	}
	if byHand {
		text += ", con votazione palese per alzata di mano"
	}
	switch {
	case con == 0 && ast == 0:
		return text + ", all'unanimità dei presenti."
	case con == 0 && !byHand:
		return text + ", all'unanimità dei votanti" + abstained(abstaining) + "."
	}
	text += ", con " + strconv.FormatInt(fav, 10) + plural(fav, " voto favorevole", " voti favorevoli") + ", " +
		strconv.FormatInt(con, 10) + plural(con, " contrario", " contrari")
	if len(against) > 0 {
		text += " (" + voterList(against, false) + ")"
	}
	text += " e " + strconv.FormatInt(ast, 10) + plural(ast, " astenuto", " astenuti")
	if len(abstaining) > 0 {
		text += " (" + voterList(abstaining, false) + ")"
	}
	return text + "."
}

// speakers says who spoke on an item, in order: "Intervengono, nell'ordine: Federica Bellucci (Comune
// di Castiglione del Lago), Mario Rossi." With the session's speech times, each intervention's
// duration follows: "(Comune di Magione, 4 min)". Someone who asked and was not heard is left out.
func (v verbale) speakers(itemID string) string {
	var parts []string
	for _, sp := range v.d.ItemSpeeches(itemID) {
		if sp.Started.IsZero() {
			continue
		}
		name := sp.Speaker.Prose()
		var about []string
		for _, l := range v.d.Register {
			if l.PersonID == sp.PersonID && l.Recorded() {
				name = proseName(l.Naming, l.SeatComune)
				if f := seatOrOrganisation(l); f != "" && l.SeatComune == "" {
					about = append(about, f)
				}
				break
			}
		}
		if v.d.Session.SpeechTimes && !sp.Ended.IsZero() {
			about = append(about, minutes(sp.Duration(time.Time{})))
		}
		if len(about) > 0 {
			name += " (" + strings.Join(about, ", ") + ")"
		}
		parts = append(parts, name)
	}
	switch len(parts) {
	case 0:
		return ""
	case 1:
		return "Interviene " + parts[0] + "."
	}
	return "Intervengono, nell'ordine: " + strings.Join(parts, "; ") + "."
}

// minutes writes a duration as a verbale does: "4 min", "meno di 1 min".
func minutes(d time.Duration) string {
	m := int64(d.Round(time.Minute) / time.Minute)
	if m < 1 {
		return "meno di 1 min"
	}
	return strconv.FormatInt(m, 10) + " min"
}
