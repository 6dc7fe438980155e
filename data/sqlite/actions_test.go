package sqlite

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/bundle"
)

// dueDay is a due date of 2027, at midnight in Rome as the screens enter them.
func dueDay(month time.Month, day int) time.Time {
	return time.Date(2027, month, day, 0, 0, 0, 0, data.Zone)
}

// withActions is the closed March session with three more actions: one overdue by April, one due later,
// one done at the session.
func withActions(t *testing.T) (*closedMarch, map[string]data.ActionItem) {
	t.Helper()
	c := newClosedMarch(t)
	out := map[string]data.ActionItem{"mappa": c.action}
	for _, a := range []data.ActionItem{
		{Who: "Comune di Magione", What: "Elenco dei trasporti sociali", Due: dueDay(3, 31)},
		{PersonID: c.verdi.ID, What: "Bozza del regolamento", Due: dueDay(6, 30)},
		{Who: "Segreteria", What: "Invio del calendario", Due: dueDay(3, 20), Done: true},
	} {
		a.SessionID, a.AgendaItemID = c.march.ID, c.item.ID
		saved, err := c.s.SaveActionItem(c.ctx, a)
		must(t, "SaveActionItem", err)
		out[strings.Fields(a.What)[0]] = saved
	}
	return c, out
}

func whats(list []data.ActionView) string {
	var w []string
	for _, v := range list {
		mark := ""
		if v.Overdue {
			mark = "!"
		}
		if v.Closed {
			mark = "v"
		}
		w = append(w, mark+strings.Fields(v.What)[0])
	}
	return strings.Join(w, " ")
}

func TestActionsRegister(t *testing.T) {
	c, acts := withActions(t)
	c.clock.set(meetDay(4, 9, 15, 0))
	list, err := c.s.Actions(c.ctx, data.ActionFilter{})
	must(t, "Actions", err)
	if got, want := whats(list), "!Elenco Bozza Mappa vInvio"; got != want {
		t.Errorf("Actions() = %s, want %s", got, want)
	}
	for _, v := range list {
		if v.BodyID != c.tavolo.ID || v.BodyName != c.tavolo.Name || !v.SessionDate.Equal(c.march.Date) {
			t.Errorf("Actions() %q: body %q %q, session %v", v.What, v.BodyID, v.BodyName, v.SessionDate)
		}
		if v.PersonID == c.verdi.ID && v.Who != "Paolo Verdi" {
			t.Errorf("Actions() who of a person's action = %q, want Paolo Verdi", v.Who)
		}
	}
	// The approval freezes the action items, not their follow-up.
	c.approve(t)
	before := c.snapshot(t, c.march.ID)
	fu, err := c.s.SaveFollowUp(c.ctx, data.ActionFollowUp{ActionItemID: acts["Elenco"].ID, Done: true,
		Note: "  Elenco consegnato all'Ufficio di Piano. ", SessionID: c.april.ID})
	must(t, "SaveFollowUp(action of an approved session)", err)
	if !fu.DoneOn.Equal(dueDay(4, 9)) || fu.Note != "Elenco consegnato all'Ufficio di Piano." || fu.Device != "device-test" ||
		fu.Updated.IsZero() {
		t.Errorf("SaveFollowUp() = %+v, want done on 9 April, note trimmed, stamped", fu)
	}
	if after := c.snapshot(t, c.march.ID); after != before {
		t.Errorf("approved session changed by a follow-up:\n%s\nwant\n%s", after, before)
	}
	_, err = c.s.SaveActionItem(c.ctx, data.ActionItem{Meta: acts["Elenco"].Meta, SessionID: c.march.ID, Who: "X", What: "Y"})
	wantErr(t, "SaveActionItem(approved session)", err, data.ELocked, "err.session.locked")
	// A second follow-up of the same action updates the first.
	again, err := c.s.SaveFollowUp(c.ctx, data.ActionFollowUp{ActionItemID: acts["Elenco"].ID, Done: true,
		DoneOn: dueDay(4, 2), Note: "Consegnato il 2 aprile."})
	must(t, "SaveFollowUp(again)", err)
	if again.ID != fu.ID || rowCount(t, c.s, "action_follow_ups", "deleted = 0") != 1 {
		t.Errorf("SaveFollowUp(again) made another follow-up: %s, was %s", again.ID, fu.ID)
	}

	c.clock.set(meetDay(7, 2, 9, 0))
	for _, tt := range []struct {
		f    data.ActionFilter
		want string
	}{
		{data.ActionFilter{}, "!Bozza Mappa vElenco vInvio"},
		{data.ActionFilter{OpenOnly: true}, "!Bozza Mappa"},
		{data.ActionFilter{OverdueOnly: true}, "!Bozza"},
		{data.ActionFilter{BodyID: c.sindaci.ID}, ""},
	} {
		list, err := c.s.Actions(c.ctx, tt.f)
		must(t, "Actions", err)
		if got := whats(list); got != tt.want {
			t.Errorf("Actions(%+v) = %s, want %s", tt.f, got, tt.want)
		}
	}
	list, _ = c.s.Actions(c.ctx, data.ActionFilter{})
	if fu := list[2].FollowUp; fu == nil || fu.Note != "Consegnato il 2 aprile." || !fu.DoneOn.Equal(dueDay(4, 2)) {
		t.Errorf("Actions() follow-up = %+v", fu)
	}
}

func TestActionFollowUpRefused(t *testing.T) {
	c, acts := withActions(t)
	for _, tt := range []struct {
		name string
		f    data.ActionFollowUp
		code data.Code
		key  string
	}{
		{"no action", data.ActionFollowUp{Done: true}, data.EInvalid, "err.action.item_required"},
		{"unknown action", data.ActionFollowUp{ActionItemID: "nope", Done: true}, data.ENotFound, "err.ref.missing"},
		{"long note", data.ActionFollowUp{ActionItemID: acts["Bozza"].ID, Note: strings.Repeat("nota ", 500)},
			data.EInvalid, "err.too_long"},
		{"unknown session", data.ActionFollowUp{ActionItemID: acts["Bozza"].ID, SessionID: "nope"}, data.ENotFound,
			"err.ref.missing"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := c.s.SaveFollowUp(c.ctx, tt.f)
			wantErr(t, "SaveFollowUp", err, tt.code, tt.key)
		})
	}
}

// A new session of a body with open actions starts with the "Verifica delle azioni"; its dossier lists
// them, overdue as of its day; a body with none does not get the item.
func TestActionCheckOnNewSession(t *testing.T) {
	c, acts := withActions(t)
	may := c.session(t, c.tavolo.ID, meetDay(5, 14, 15, 0))
	var titles []string
	for _, it := range c.agenda(t, may.ID) {
		titles = append(titles, it.Title)
	}
	want := []string{data.DefaultAgenda[0], data.ActionCheckTitle, data.DefaultAgenda[1]}
	if strings.Join(titles, "|") != strings.Join(want, "|") {
		t.Errorf("agenda of a new session = %q, want %q", titles, want)
	}
	added := c.addItem(t, may.ID, "Trasporto sociale")
	if items := c.agenda(t, may.ID); items[2].ID != added.ID || items[1].Title != data.ActionCheckTitle {
		t.Errorf("an added item goes after the Verifica delle azioni: %v", items)
	}
	_, err := c.s.SaveFollowUp(c.ctx, data.ActionFollowUp{ActionItemID: acts["mappa"].ID, Done: true,
		DoneOn: dueDay(5, 14), SessionID: may.ID, Note: "Mappa presentata in seduta."})
	must(t, "SaveFollowUp", err)
	d, err := c.s.Dossier(c.ctx, may.ID)
	must(t, "Dossier", err)
	if got, want := whats(d.ActionChecks), "!Elenco Bozza vMappa"; got != want {
		t.Errorf("Dossier().ActionChecks = %s, want %s", got, want)
	}
	other := c.session(t, c.sindaci.ID, meetDay(5, 20, 15, 0))
	if n := len(c.agenda(t, other.ID)); n != len(data.DefaultAgenda) {
		t.Errorf("a body without open actions got %d items, want %d", n, len(data.DefaultAgenda))
	}
}

// Follow-ups travel in bundles and converge, an approved session's included.
func TestActionFollowUpsTravel(t *testing.T) {
	c, acts := withActions(t)
	c.approve(t)
	dir := t.TempDir()
	b := openAt(t, filepath.Join(dir, "b.db"), replicaOptions("device-b", meetDay(4, 10, 9, 0)))
	exchange(t, c.s, b, bundle.ExportOptions{})
	_, err := b.SaveFollowUp(c.ctx, data.ActionFollowUp{ActionItemID: acts["Elenco"].ID, Done: true, Note: "Fatto (b)."})
	must(t, "SaveFollowUp b", err)
	_, err = c.s.SaveFollowUp(c.ctx, data.ActionFollowUp{ActionItemID: acts["Bozza"].ID, Note: "In ritardo (a)."})
	must(t, "SaveFollowUp a", err)
	exchange(t, b, c.s, bundle.ExportOptions{})
	res, _ := exchange(t, c.s, b, bundle.ExportOptions{})
	if res.Total().Conflicts != 0 {
		t.Errorf("exchange back: %+v", res.Total())
	}
	la, err := c.s.Actions(c.ctx, data.ActionFilter{})
	must(t, "Actions a", err)
	lb, err := b.Actions(c.ctx, data.ActionFilter{})
	must(t, "Actions b", err)
	notes := func(l []data.ActionView) string {
		var out []string
		for _, v := range l {
			if v.FollowUp != nil {
				out = append(out, v.What+": "+v.FollowUp.Note)
			}
		}
		return strings.Join(out, "; ")
	}
	if na, nb := notes(la), notes(lb); na != nb || !strings.Contains(na, "Fatto (b).") || !strings.Contains(na, "In ritardo (a).") {
		t.Errorf("after the exchange a has %q, b has %q", na, nb)
	}
}

// Two laptops that each follow up the same action, before hearing of the other, write one record: after
// the exchange both hold one follow-up, the later.
func TestActionFollowedUpOnTwoLaptops(t *testing.T) {
	c, acts := withActions(t)
	dir := t.TempDir()
	b := openAt(t, filepath.Join(dir, "b.db"), replicaOptions("device-b", meetDay(4, 10, 9, 0)))
	exchange(t, c.s, b, bundle.ExportOptions{})
	id := acts["Elenco"].ID
	_, err := c.s.SaveFollowUp(c.ctx, data.ActionFollowUp{ActionItemID: id, Note: "Sollecitato (a)."})
	must(t, "SaveFollowUp a", err)
	_, err = b.SaveFollowUp(c.ctx, data.ActionFollowUp{ActionItemID: id, Done: true, Note: "Fatto (b)."})
	must(t, "SaveFollowUp b", err)
	exchange(t, b, c.s, bundle.ExportOptions{})
	exchange(t, c.s, b, bundle.ExportOptions{})
	for name, st := range map[string]*Store{"a": c.s, "b": b} {
		if n := rowCount(t, st, "action_follow_ups", "deleted = 0 AND action_item_id = '"+id+"'"); n != 1 {
			t.Errorf("%s: %d live follow-ups of the action, want 1", name, n)
		}
	}
	la, err := c.s.Actions(c.ctx, data.ActionFilter{})
	must(t, "Actions a", err)
	lb, err := b.Actions(c.ctx, data.ActionFilter{})
	must(t, "Actions b", err)
	note := func(l []data.ActionView) string {
		for _, v := range l {
			if v.ID == id && v.FollowUp != nil {
				return v.FollowUp.Note
			}
		}
		return ""
	}
	if na, nb := note(la), note(lb); na != nb || na == "" {
		t.Errorf("after the exchange a says %q, b %q; want the same follow-up", na, nb)
	}
}

// Deleting an action takes its follow-up with it, and the undo brings both back.
func TestActionFollowUpGoesWithItsAction(t *testing.T) {
	c, acts := withActions(t)
	fu, err := c.s.SaveFollowUp(c.ctx, data.ActionFollowUp{ActionItemID: acts["Bozza"].ID, Note: "In lavorazione."})
	must(t, "SaveFollowUp", err)
	ref := data.Ref{Kind: data.KindActionItem, ID: acts["Bozza"].ID}
	removed, err := c.s.Delete(c.ctx, ref)
	must(t, "Delete(action)", err)
	if len(removed) != 2 || removed[1] != (data.Ref{Kind: data.KindActionFollowUp, ID: fu.ID}) {
		t.Fatalf("Delete(action) removed %v, want the action and its follow-up", removed)
	}
	if n := rowCount(t, c.s, "action_follow_ups", "deleted = 0"); n != 0 {
		t.Errorf("%d live follow-ups after deleting their action", n)
	}
	must(t, "Restore", c.s.Restore(c.ctx, removed))
	list, err := c.s.Actions(c.ctx, data.ActionFilter{})
	must(t, "Actions", err)
	for _, v := range list {
		if v.ID == ref.ID && (v.FollowUp == nil || v.FollowUp.Note != "In lavorazione.") {
			t.Errorf("restored action's follow-up = %+v", v.FollowUp)
		}
	}
}
