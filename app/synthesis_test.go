package app

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/italian"
)

// showSynthesis shows the Sintesi section, as Ctrl+4 does.
func (e *env) showSynthesis() *synthesisScreen {
	e.t.Helper()
	e.ui.goTo(sectionSynthesis)
	if e.ui.current != sectionSynthesis {
		e.t.Fatalf("section shown = %d, want Sintesi", e.ui.current)
	}
	return e.ui.synth
}

// ranking is the store's consolidated ranking of an area ("" for all).
func (e *env) ranking(areaID string) []data.Ranked {
	e.t.Helper()
	r, err := e.store().Ranking(context.Background(), areaID)
	if err != nil {
		e.t.Fatalf("Ranking(%q): %v", areaID, err)
	}
	return r
}

// priorities is the district's priority list as the store keeps it, in order.
func (e *env) priorities() []data.ProposalView {
	e.t.Helper()
	all, err := e.store().Proposals(context.Background(), data.ProposalFilter{Sort: data.SortPriority})
	if err != nil {
		e.t.Fatalf("Proposals: %v", err)
	}
	var out []data.ProposalView
	for _, p := range all {
		if p.Priority > 0 && p.State != data.StateAccorpata {
			out = append(out, p)
		}
	}
	return out
}

// addPriorities puts proposals at the end of the priority list, through the store.
func (e *env) addPriorities(ids ...string) {
	e.t.Helper()
	var list []string
	for _, p := range e.priorities() {
		list = append(list, p.ID)
	}
	if err := e.store().SetPriorities(context.Background(), append(list, ids...), ""); err != nil {
		e.t.Fatalf("SetPriorities: %v", err)
	}
}

// proposal reads one proposal with its history.
func (e *env) proposal(id string) data.ProposalDetail {
	e.t.Helper()
	d, err := e.store().ProposalDetail(context.Background(), id)
	if err != nil {
		e.t.Fatalf("ProposalDetail(%s): %v", id, err)
	}
	return d
}

func proposalTitles(list []data.ProposalView) []string {
	var out []string
	for _, p := range list {
		out = append(out, p.Title)
	}
	return out
}

func rankedTitles(list []data.Ranked) []string {
	var out []string
	for _, r := range list {
		out = append(out, r.Title)
	}
	return out
}

func TestSynthesisRankingAndRule(t *testing.T) {
	e := newEnv(t, setup{demo: true, operator: "Lucia Ferri"})
	s := e.showSynthesis()
	want := e.ranking("")
	if len(want) < 3 {
		t.Fatalf("the demo ranks %d proposals, want a few", len(want))
	}
	if got := column(s.ranking.table, 1); strings.Join(got, "|") != strings.Join(rankedTitles(want), "|") {
		t.Fatalf("ranking shown = %q, want the store's %q", got, rankedTitles(want))
	}
	for i, r := range want {
		row := rows(s.ranking.table.list)[i]
		if row[2] != italian.Share(r.Score) || row[3] != italian.Int(r.Votes) || row[5] != lang.L("pstate."+string(r.State)) {
			t.Errorf("row %d = %q, want score %s, %d votes, state %s", i, row, italian.Share(r.Score), r.Votes, r.State)
		}
	}
	if s.ranking.table.list.Length() > 0 && !strings.Contains(rows(s.ranking.table.list)[0][2], ",") {
		t.Errorf("score %q is not written with a decimal comma", rows(s.ranking.table.list)[0][2])
	}
	if !strings.Contains(s.rule.Text, "Punteggio: media delle quote") || !strings.Contains(s.rule.Text, "ogni votazione pesa uguale") {
		t.Errorf("rule = %q, want the tables rule in words", s.rule.Text)
	}
	if s.byVoters.Checked {
		t.Error("the switch says voters under the tables rule")
	}

	// Weighing by voters: the store keeps it, the sentence says it and the ranking follows.
	s.byVoters.SetChecked(true)
	a, err := e.store().Ambito(context.Background())
	if err != nil || a.Weighing != data.WeighVoters {
		t.Fatalf("Ambito weighing after the switch = %q (%v), want voters", a.Weighing, err)
	}
	if !strings.Contains(s.rule.Text, "pesata con le schede valide") || strings.Contains(s.rule.Text, "ogni votazione pesa uguale") {
		t.Errorf("rule by voters = %q", s.rule.Text)
	}
	byVoters := e.ranking("")
	if got := column(s.ranking.table, 1); strings.Join(got, "|") != strings.Join(rankedTitles(byVoters), "|") {
		t.Errorf("ranking by voters shown = %q, want %q", got, rankedTitles(byVoters))
	}
	if strings.Join(rankedTitles(byVoters), "|") == strings.Join(rankedTitles(want), "|") {
		t.Log("the demo ranks the same under both weighings: the order change is not checked")
	}
	s.byVoters.SetChecked(false)
	if a, _ := e.store().Ambito(context.Background()); a.Weighing != data.WeighTables {
		t.Errorf("weighing after switching back = %q, want tables", a.Weighing)
	}

	// One area: only its proposals, and the document follows the choice.
	s.areaPick.SetSelected("Anziani")
	for _, r := range s.ranking.items {
		if r.AreaName != "Anziani" {
			t.Errorf("ranking of Anziani shows %q of %q", r.Title, r.AreaName)
		}
	}
	if len(s.ranking.items) == 0 {
		t.Error("no ranked proposal for Anziani")
	}
	if got := s.export.Text; got != "Documento di sintesi · Anziani (PDF)…" {
		t.Errorf("export button = %q", got)
	}
	s.areaPick.SetSelected("Tutte le aree")
	if len(s.ranking.items) != len(want) {
		t.Errorf("all areas again: %d rows, want %d", len(s.ranking.items), len(want))
	}
}

// pickable are ranked proposals that may enter the priority list as new prioritarie.
func pickable(list []data.Ranked) []data.Ranked {
	var out []data.Ranked
	for _, r := range list {
		if r.State == data.StateProposta || r.State == data.StateInValutazione {
			out = append(out, r)
		}
	}
	return out
}

// addByKeyboard filters the ranking by title, goes down to the first row and presses Enter.
func addByKeyboard(t *testing.T, s *synthesisScreen, title string) {
	t.Helper()
	f := s.ranking.table.filter
	retype(f, title)
	f.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	if s.picked.Title != title {
		t.Fatalf("after filtering %q and ↓ the proposal chosen is %q", title, s.picked.Title)
	}
	pressEnter(f)
	if msg := s.errs.wrap.Text; s.errs.wrap.Visible() && msg != "" {
		t.Fatalf("adding %q: %s", title, msg)
	}
	erase(f)
}

func TestSynthesisPriorityList(t *testing.T) {
	e := newEnv(t, setup{demo: true, operator: "Lucia Ferri"})
	s := e.showSynthesis()
	cands := pickable(e.ranking(""))
	if len(cands) < 2 {
		t.Fatalf("the demo has %d ranked proposals to pick, want 2", len(cands))
	}
	before := len(e.priorities())
	a, b := cands[0], cands[1]
	addByKeyboard(t, s, a.Title)
	// A filter that leaves one row needs no ↓: Enter takes it.
	retype(s.ranking.table.filter, b.Title)
	if len(s.ranking.items) != 1 {
		t.Fatalf("filtering %q leaves %d rows", b.Title, len(s.ranking.items))
	}
	pressEnter(s.ranking.table.filter)
	erase(s.ranking.table.filter)
	list := e.priorities()
	if len(list) != before+2 || list[len(list)-2].ID != a.ID || list[len(list)-1].ID != b.ID {
		t.Fatalf("priority list after adding = %q, want … %q, %q", proposalTitles(list), a.Title, b.Title)
	}
	for _, p := range list[len(list)-2:] {
		if p.State != data.StatePrioritaria {
			t.Errorf("%q is %s after entering the list, want prioritaria", p.Title, p.State)
		}
	}
	if got := s.prioHead.Text; !strings.Contains(got, "Elenco delle priorità (") {
		t.Errorf("priority heading = %q", got)
	}
	// The one added last is chosen: Alt+↑ moves it above the other.
	if s.prioSel != len(list)-1 {
		t.Fatalf("chosen priority after adding = %d, want the last (%d)", s.prioSel, len(list)-1)
	}
	menuCommand(t, e, "synthesis.cmd.up")()
	list = e.priorities()
	if list[len(list)-2].ID != b.ID || list[len(list)-1].ID != a.ID {
		t.Fatalf("after Alt+↑ the list ends %q, want %q then %q", proposalTitles(list), b.Title, a.Title)
	}
	if s.prioSel != len(list)-2 {
		t.Errorf("the moved proposal is no longer chosen: %d", s.prioSel)
	}
	test.Tap(button(t, s.content, "Giù"))
	if list = e.priorities(); list[len(list)-1].ID != b.ID {
		t.Errorf("after Giù the list ends with %q, want %q", list[len(list)-1].Title, b.Title)
	}
	// Adding one already there says where it is.
	addAgain := s.ranking.table.filter
	retype(addAgain, a.Title)
	addAgain.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	pressEnter(addAgain)
	if !strings.Contains(s.errs.wrap.Text, "è già nell'elenco delle priorità") {
		t.Errorf("adding twice says %q", s.errs.wrap.Text)
	}
	erase(addAgain)

	// Taking out a prioritaria asks why; no reason, no removal.
	s.prio.Select(len(list) - 1)
	test.Tap(button(t, s.content, "Togli dall'elenco"))
	dlg := e.mustOverlay("the reason question")
	if !hasText(dlg, "torna in valutazione") {
		t.Errorf("the question = %q", texts(dlg))
	}
	reason := focusedEntry(t, e)
	pressEnter(reason)
	if e.overlay() != dlg {
		t.Fatal("the question closed with no reason given")
	}
	test.Type(reason, "accorpata nel progetto sul trasporto")
	pressEnter(reason)
	if e.overlay() != nil {
		t.Fatalf("the question is still open: %q", texts(e.overlay()))
	}
	list = e.priorities()
	if len(list) != before+1 || list[len(list)-1].ID != a.ID {
		t.Fatalf("after removing %q the list is %q", b.Title, proposalTitles(list))
	}
	d := e.proposal(b.ID)
	if d.State != data.StateInValutazione || d.Priority != 0 {
		t.Errorf("removed proposal is %s with priority %d, want in_valutazione, 0", d.State, d.Priority)
	}
	last := d.History[len(d.History)-1]
	if last.Reason != "accorpata nel progetto sul trasporto" || last.To != data.StateInValutazione {
		t.Errorf("history records %+v, want the move back with the reason", last)
	}

	// The status line offers to put it back.
	st := e.ui.status
	if !st.undo.Visible() || !strings.Contains(st.undoMsg.Text, b.Title) {
		t.Fatalf("no undo offered: %q", st.undoMsg.Text)
	}
	test.Tap(st.undo)
	if list = e.priorities(); len(list) != before+2 || list[len(list)-1].ID != b.ID {
		t.Errorf("after undo the list is %q", proposalTitles(list))
	}
}

func TestSynthesisRemoveValidatedIsRefused(t *testing.T) {
	e := newEnv(t, setup{demo: true, operator: "Lucia Ferri"})
	ctx := context.Background()
	p := pickable(e.ranking(""))[0]
	e.addPriorities(p.ID)
	if _, err := e.store().(mover).MoveProposal(ctx, p.ID, data.StateValidata, "validata in seduta, verbale agli atti"); err != nil {
		t.Fatal(err)
	}
	s := e.showSynthesis()
	n := len(e.priorities())
	s.prio.Select(n - 1)
	if got := s.d.syn.Priorities[n-1].ID; got != p.ID {
		t.Fatalf("last priority shown = %s, want %s", got, p.ID)
	}
	menuCommand(t, e, "synthesis.cmd.remove")()
	if e.overlay() != nil {
		t.Fatalf("a validated proposal asks a reason: %q", texts(e.overlay()))
	}
	if !strings.Contains(s.errs.wrap.Text, "resta nell'elenco delle priorità") {
		t.Errorf("removing a validated one says %q", s.errs.wrap.Text)
	}
	if len(e.priorities()) != n {
		t.Error("the validated proposal left the list")
	}
}

// session saves a session of the body named in bozza, on day at 15:00, and returns it.
func (e *env) session(body, day string) data.Session {
	e.t.Helper()
	ctx := context.Background()
	bodies, err := e.store().Bodies(ctx)
	if err != nil {
		e.t.Fatal(err)
	}
	for _, b := range bodies {
		if b.Name == body {
			date, err := parseDateTime(day, "15:00")
			if err != nil {
				e.t.Fatal(err)
			}
			s, err := e.store().SaveSession(ctx, data.Session{BodyID: b.ID, Call: data.CallPrima, Date: date,
				Place: "Sala consiliare, Comune di Castiglione del Lago"})
			if err != nil {
				e.t.Fatalf("SaveSession(%s): %v", body, err)
			}
			return s
		}
	}
	e.t.Fatalf("no body %q", body)
	return data.Session{}
}

// bringTo presses the button that takes the list to a body and confirms the session whose line holds
// day.
func bringTo(t *testing.T, e *env, s *synthesisScreen, buttonText, day string) {
	t.Helper()
	test.Tap(button(t, s.content, buttonText))
	dlg := e.mustOverlay("the session choice")
	var pick *widget.Select
	walk(dlg, func(o fyne.CanvasObject) {
		if x, ok := o.(*widget.Select); ok && pick == nil {
			pick = x
		}
	})
	if pick == nil {
		t.Fatalf("no session to choose: %q", texts(dlg))
	}
	found := false
	for _, o := range pick.Options {
		if strings.HasPrefix(o, day) {
			pick.SetSelected(o)
			found = true
		}
	}
	if !found {
		t.Fatalf("no session of %s among %q", day, pick.Options)
	}
	test.Tap(button(t, dlg, "Aggiungi all'ordine del giorno"))
	if e.overlay() != nil {
		t.Fatalf("the dialog is still open: %q", texts(e.overlay()))
	}
}

func TestSynthesisBringToTavoloAlto(t *testing.T) {
	e := newEnv(t, setup{demo: true, operator: "Lucia Ferri"})
	ctx := context.Background()
	sess := e.session("Tavolo Alto della Concertazione", "04/03/2027")
	cands := pickable(e.ranking(""))
	e.addPriorities(cands[0].ID, cands[1].ID)
	s := e.showSynthesis()
	if !strings.Contains(s.where.Text, "attendono la validazione del Tavolo Alto") {
		t.Errorf("where = %q", s.where.Text)
	}
	if s.toAlto.Disabled() || s.toAlto.Importance != widget.HighImportance {
		t.Error("the Tavolo Alto button is not the next step")
	}
	bringTo(t, e, s, "Porta al Tavolo Alto…", "04/03/2027")
	items, err := e.store().Agenda(ctx, sess.ID)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, it := range items {
		got = append(got, it.Title)
	}
	n := len(items)
	if n < 2 || items[n-2].Title != "Validazione dell'elenco delle priorità" || items[n-1].Title != "Varie ed eventuali" {
		t.Fatalf("agenda = %q, want the validation item before Varie ed eventuali", got)
	}
	for _, c := range cands[:2] {
		if !strings.Contains(items[n-2].Notes, c.Title) {
			t.Errorf("the item's notes do not list %q:\n%s", c.Title, items[n-2].Notes)
		}
	}
	if !strings.Contains(e.ui.status.undoMsg.Text, "Aggiunto all'ordine del giorno") {
		t.Errorf("status = %q", e.ui.status.undoMsg.Text)
	}
	// Bringing it again updates the item, keeping what the secretary wrote under the list.
	it := items[n-2]
	it.Notes += "\n\nIl presidente chiede una scheda per ogni proposta."
	if _, err := e.store().SaveAgendaItem(ctx, it); err != nil {
		t.Fatal(err)
	}
	// From the keyboard: the soonest session is chosen, Enter confirms.
	test.Tap(button(t, s.content, "Porta al Tavolo Alto…"))
	keys, ok := e.ui.win.Canvas().Focused().(*keyCatcher)
	if !ok {
		t.Fatalf("focus in the session choice = %T, want the key catcher", e.ui.win.Canvas().Focused())
	}
	keys.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if e.overlay() != nil {
		t.Fatalf("Enter did not confirm: %q", texts(e.overlay()))
	}
	again, _ := e.store().Agenda(ctx, sess.ID)
	if len(again) != n {
		t.Fatalf("bringing twice made %d items, want %d", len(again), n)
	}
	if notes := again[n-2].Notes; !strings.Contains(notes, "Il presidente chiede") || strings.Count(notes, "sottoposte al voto") != 1 {
		t.Errorf("notes after bringing again:\n%s", notes)
	}
}

func TestSynthesisBringWithoutSession(t *testing.T) {
	e := newEnv(t, setup{demo: true, operator: "Lucia Ferri"})
	e.addPriorities(pickable(e.ranking(""))[0].ID)
	s := e.showSynthesis()
	test.Tap(button(t, s.content, "Porta al Tavolo Alto…"))
	dlg := e.mustOverlay("the explanation")
	if !hasText(dlg, "non ha sedute in bozza, convocate o in corso") {
		t.Errorf("no session: %q", texts(dlg))
	}
}

func TestSynthesisFiguresMatchTheRegisters(t *testing.T) {
	e := newEnv(t, setup{demo: true, operator: "Lucia Ferri"})
	s := e.showSynthesis()
	db, err := sql.Open("sqlite", "file:"+e.path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	count := func(q string, args ...any) int {
		t.Helper()
		var n int
		if err := db.QueryRow(q, args...).Scan(&n); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		return n
	}
	const held = `SELECT id FROM sessions WHERE deleted = 0 AND status IN ('in_corso', 'chiusa', 'approvata')`
	meetings := count(`SELECT count(*) FROM (` + held + `)`)
	people := count(`SELECT count(DISTINCT person_id) FROM attendance WHERE deleted = 0 AND presence = 'presente'
		AND session_id IN (` + held + `)`)
	presences := count(`SELECT count(*) FROM (SELECT DISTINCT session_id, person_id FROM attendance WHERE deleted = 0
		AND presence = 'presente' AND session_id IN (` + held + `))`)
	if meetings == 0 || people == 0 {
		t.Fatalf("the demo has %d meetings held and %d people: nothing to compare", meetings, people)
	}
	want := italian.Int(meetings) + " sedute svolte · " + italian.Int(people) + " persone diverse · " + italian.Int(presences) + " presenze"
	if !hasText(s.figures, want) {
		t.Errorf("figures = %q, want %q", texts(s.figures), want)
	}
	// One body's row: the Tavolo dei Sindaci's meetings held.
	mayors := count(`SELECT count(*) FROM sessions s JOIN bodies b ON b.id = s.body_id WHERE s.deleted = 0
		AND b.kind = 'sindaci' AND s.status IN ('in_corso', 'chiusa', 'approvata')`)
	found := false
	walk(s.figures, func(o fyne.CanvasObject) {
		if c, ok := o.(*fyne.Container); ok && len(c.Objects) == 4 {
			if l, ok := c.Objects[0].(*widget.Label); ok && l.Text == "Tavolo dei Sindaci" {
				found = c.Objects[1].(*widget.Label).Text == italian.Int(mayors)
			}
		}
	})
	if !found {
		t.Errorf("no row «Tavolo dei Sindaci» with %d meetings", mayors)
	}
	// Categories and comuni as bars with their counts.
	citizens := count(`SELECT count(*) FROM people WHERE category = 'comune' AND id IN (SELECT person_id FROM attendance
		WHERE deleted = 0 AND presence = 'presente' AND session_id IN (` + held + `))`)
	if !hasText(s.figures, "Comune") || !hasText(s.figures, italian.Int(citizens)) {
		t.Errorf("no bar for the category Comune with %d people", citizens)
	}
	if !hasText(s.figures, "Castiglione del Lago") || !hasText(s.figures, "Proposte per area e tipo") {
		t.Errorf("figures lack the comuni or the proposals: %q", texts(s.figures))
	}
}

func TestSynthesisExportPDF(t *testing.T) {
	e := newEnv(t, setup{demo: true, operator: "Lucia Ferri"})
	s := e.showSynthesis()
	dir := t.TempDir()
	var names []string
	s.save = func(name, ext string, b []byte) {
		if ext != ".pdf" {
			t.Errorf("offered as %q, want .pdf", ext)
		}
		names = append(names, name)
		e.ui.writeDocument(filepath.Join(dir, name), b)
	}
	test.Tap(button(t, s.content, "Documento di sintesi (PDF)…"))
	s.areaPick.SetSelected("Anziani")
	test.Tap(button(t, s.content, "Documento di sintesi · Anziani (PDF)…"))
	if strings.Join(names, "|") != "documento-di-sintesi.pdf|documento-di-sintesi-anziani.pdf" {
		t.Fatalf("documents offered as %q", names)
	}
	for _, n := range names {
		path := filepath.Join(dir, n)
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%s not written: %v", n, err)
		}
		if !bytes.HasPrefix(b, []byte("%PDF")) {
			t.Errorf("%s does not start with %%PDF", n)
		}
		if _, err := exec.LookPath("pdftotext"); err != nil {
			continue
		}
		out, err := exec.Command("pdftotext", path, "-").Output()
		if err != nil {
			t.Fatalf("pdftotext %s: %v", n, err)
		}
		if !strings.Contains(string(out), "Documento di sintesi") {
			t.Errorf("%s: the text has no «Documento di sintesi»", n)
		}
	}
	if !strings.Contains(e.ui.status.undoMsg.Text, "documento-di-sintesi-anziani.pdf") {
		t.Errorf("status after saving = %q", e.ui.status.undoMsg.Text)
	}
}

func TestSynthesisSteps(t *testing.T) {
	e := newEnv(t, setup{demo: true, operator: "Lucia Ferri"})
	s := e.showSynthesis()
	prop := func(st data.ProposalState) data.ProposalView {
		return data.ProposalView{Proposal: data.Proposal{State: st, Priority: 1}}
	}
	tests := []struct {
		name  string
		d     desk
		steps string
		where string
	}{
		{"nothing voted", desk{}, "► 1. Tavoli|→|2. Ufficio di Piano|→|3. Tavolo Alto|→|4. Tavolo dei Sindaci",
			"non hanno ancora votato"},
		{"ranked", desk{ranked: 5}, "✓ 1. Tavoli|→|► 2. Ufficio di Piano|→|3. Tavolo Alto|→|4. Tavolo dei Sindaci",
			"5 proposte hanno un punteggio"},
		{"list ready", desk{ranked: 5, all: []data.ProposalView{prop(data.StatePrioritaria)}},
			"✓ 1. Tavoli|→|✓ 2. Ufficio di Piano|→|► 3. Tavolo Alto|→|4. Tavolo dei Sindaci", "1 priorità attende la validazione"},
		{"validated", desk{ranked: 5, all: []data.ProposalView{prop(data.StateValidata), prop(data.StateValidata)}},
			"✓ 1. Tavoli|→|✓ 2. Ufficio di Piano|→|✓ 3. Tavolo Alto|→|► 4. Tavolo dei Sindaci", "2 priorità validate attendono"},
		{"approved", desk{ranked: 5, all: []data.ProposalView{prop(data.StateApprovata)},
			syn: data.Synthesis{Priorities: []data.Ranked{{ProposalView: prop(data.StateApprovata)}}}},
			"✓ 1. Tavoli|→|✓ 2. Ufficio di Piano|→|✓ 3. Tavolo Alto|→|✓ 4. Tavolo dei Sindaci", "Percorso concluso"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s.d = tt.d
			s.showSteps()
			if got := strings.Join(texts(s.steps), "|"); got != tt.steps {
				t.Errorf("steps = %q, want %q", got, tt.steps)
			}
			if !strings.Contains(s.where.Text, tt.where) {
				t.Errorf("where = %q, want it to say %q", s.where.Text, tt.where)
			}
		})
	}
	// A screen of its own for the picture: the section's widgets already sit in the window.
	pic := newSynthesisScreen(e.ui)
	pic.d = tests[2].d
	pic.showSteps()
	w := test.NewTempWindow(t, container.NewVBox(pic.steps, pic.where))
	w.Resize(fyne.NewSize(760, 160))
	assertMarkup(t, "synthesis_steps.xml", test.RenderToMarkup(w.Canvas()))
}

// TestSynthesisRoundsSayWhatTheyDecided: each round lists what it took its proposals to, and where they
// stand now when they moved on: the mayors approved the Centro per le famiglie in February 2026, now in
// attuazione.
func TestSynthesisRoundsSayWhatTheyDecided(t *testing.T) {
	e := newEnv(t, setup{demo: true, operator: "Lucia Ferri"})
	s := e.showSynthesis()
	var lines []string
	for _, o := range s.rounds.Objects {
		if l, ok := o.(*widget.Label); ok {
			lines = append(lines, l.Text)
		}
	}
	text := strings.Join(lines, "\n")
	for _, want := range []string{"• Centro per le famiglie del Trasimeno — approvata (ora in attuazione)",
		"• Caffè Alzheimer itinerante nei comuni del lago — validata"} {
		if !strings.Contains(text, want) {
			t.Errorf("the rounds tab lacks %q:\n%s", want, text)
		}
	}
}

// TestSynthesisExplainsAMergedScore picks «Trasporto sociale di Ambito» by keyboard: the screen says the
// vote its 1,00 comes from, that the merged transport to work is left out and what counting it would
// give, and the rule above the ranking states the merge rule with its worked example.
func TestSynthesisExplainsAMergedScore(t *testing.T) {
	e := newEnv(t, setup{demo: true, operator: "Lucia Ferri"})
	s := e.showSynthesis()
	const title = "Trasporto sociale di Ambito con volontari e mezzi comunali"
	f := s.ranking.table.filter
	retype(f, title)
	f.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	if s.picked.Title != title {
		t.Fatalf("after filtering %q and ↓ the proposal chosen is %q", title, s.picked.Title)
	}
	for _, want := range []string{
		"«" + title + "» · Anziani",
		"– Tavolo tematico Anziani, 16/10/2025, graduatoria (Condorcet–Schulze): quota 1,00",
		"Proposta accorpata: non contano le votazioni di «Trasporto verso i luoghi di lavoro e di tirocinio», " +
			"che porterebbero il punteggio a 0,53",
	} {
		if !strings.Contains(s.about.Text, want) {
			t.Errorf("about = %q, want %q", s.about.Text, want)
		}
	}
	if !strings.Contains(s.rule.Text, "mai meno della sua parte migliore") || !strings.Contains(s.rule.Text, "non la media 0,53") {
		t.Errorf("rule = %q, want the merge rule with its example", s.rule.Text)
	}
}

// The relazione annuale's tab: the introduction saves itself after a pause in typing, what was typed for
// a year stays that year's when another year is chosen before the pause ends, and the document and its
// figures are saved with what is on screen.
func TestRelazioneAnnualeTab(t *testing.T) {
	e := newEnv(t, setup{demo: true, operator: "Lucia Ferri"})
	q := make(uiQueue, 64)
	e.ui.saveDelay, e.ui.saveMaxWait, e.ui.do = 600*time.Millisecond, saveMaxWait, func(f func()) { q <- f }
	s := e.showSynthesis()
	s.tabs.SelectIndex(3)
	p := s.relazione
	year := testToday.In(data.Zone).Year()
	if p.chosenYear() != year {
		t.Fatalf("the tab shows %d, want this year, %d", p.chosenYear(), year)
	}
	stored := func(y int) string {
		r, err := e.store().AnnualReport(context.Background(), y)
		if err != nil {
			t.Fatal(err)
		}
		return r.Introduction
	}
	test.Type(p.intro, "Un anno di lavoro dei tavoli.")
	if stored(year) != "" {
		t.Fatal("saved before the pause in typing")
	}
	if !q.pumpUntil(3*time.Second, func() bool { return stored(year) == "Un anno di lavoro dei tavoli." }) {
		t.Fatalf("after the pause the store has %q", stored(year))
	}
	// More text, and at once next year (nothing written for it yet): the text stays this year's.
	test.Type(p.intro, " Otto Comuni presenti.")
	p.year.SetSelected(strconv.Itoa(year + 1))
	q.pumpUntil(3*time.Second, func() bool { return stored(year) == "Un anno di lavoro dei tavoli. Otto Comuni presenti." })
	if got := stored(year); got != "Un anno di lavoro dei tavoli. Otto Comuni presenti." {
		t.Fatalf("this year's introduction = %q after choosing another year", got)
	}
	if p.intro.Text != "" || stored(year+1) != "" {
		t.Fatalf("next year shows %q, stores %q; want nothing", p.intro.Text, stored(year+1))
	}
	// The demo's 2026 relazione has the Ufficio di Piano's introduction.
	p.year.SetSelected("2026")
	if !strings.HasPrefix(p.intro.Text, "Il 2026 è stato il primo anno") {
		t.Fatalf("2026 shows %q, want the demo's introduction", p.intro.Text)
	}
	p.year.SetSelected(strconv.Itoa(year))
	if p.intro.Text != "Un anno di lavoro dei tavoli. Otto Comuni presenti." {
		t.Fatalf("back on %d the tab shows %q", year, p.intro.Text)
	}

	var names []string
	var files [][]byte
	s.save = func(name, ext string, b []byte) { names, files = append(names, name), append(files, b) }
	test.Tap(button(t, p.content, "Relazione (PDF)…"))
	test.Tap(button(t, p.content, "Cifre per un foglio di calcolo (CSV)…"))
	want := []string{fmt.Sprintf("relazione-annuale-%d.pdf", year), fmt.Sprintf("relazione-annuale-%d-cifre.csv", year)}
	if strings.Join(names, "|") != strings.Join(want, "|") {
		t.Fatalf("saved %q, want %q", names, want)
	}
	words := pdfWords(t, files[0])
	for _, w := range []string{"Relazione annuale consuntiva", fmt.Sprintf("Anno %d", year),
		"Un anno di lavoro dei tavoli. Otto Comuni presenti.", "Le sedute e la partecipazione"} {
		if !strings.Contains(words, w) {
			t.Errorf("the relazione does not say %q", w)
		}
	}
	if !bytes.HasPrefix(files[1], []byte("\uFEFFSezione;Voce;Dettaglio;Valore")) {
		t.Errorf("the figures start %q", files[1][:min(len(files[1]), 40)])
	}
}
