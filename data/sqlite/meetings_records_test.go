package sqlite

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/tavoli/tavoli/data"
)

func TestMeetingSaveDecision(t *testing.T) {
	m := newMeeting(t)
	id := m.march.ID
	item := m.agenda(t, id)[0]
	d, err := m.s.SaveDecision(m.ctx, data.Decision{SessionID: id, AgendaItemID: item.ID,
		Text: "  Il verbale della seduta precedente è approvato all'unanimità.  "})
	must(t, "SaveDecision", err)
	if d.ID == "" || d.Text != "Il verbale della seduta precedente è approvato all'unanimità." {
		t.Errorf("SaveDecision = %+v, want an id and the text trimmed", d)
	}
	general, err := m.s.SaveDecision(m.ctx, data.Decision{SessionID: id, Text: "Si rinvia alla prossima seduta."})
	must(t, "SaveDecision(no item)", err)
	d.Text = "Il verbale è approvato con una astensione."
	_, err = m.s.SaveDecision(m.ctx, d)
	must(t, "SaveDecision(update)", err)
	other := m.agenda(t, m.april.ID)[0]
	tests := []struct {
		name string
		d    data.Decision
		code data.Code
		key  string
	}{
		{"blank text", data.Decision{SessionID: id, Text: "  "}, data.EInvalid, "err.decision.text_required"},
		{"no session", data.Decision{Text: "Approvato."}, data.EInvalid, "err.agenda.session_required"},
		{"unknown session", data.Decision{SessionID: "nope", Text: "Approvato."}, data.ENotFound, sessionMissing},
		{"item of another session", data.Decision{SessionID: id, AgendaItemID: other.ID, Text: "Approvato."},
			data.ENotFound, "err.ref.missing"},
		{"unknown item", data.Decision{SessionID: id, AgendaItemID: "nope", Text: "Approvato."}, data.ENotFound,
			"err.ref.missing"},
	}
	for _, tt := range tests {
		_, err := m.s.SaveDecision(m.ctx, tt.d)
		wantErr(t, "SaveDecision("+tt.name+")", err, tt.code, tt.key)
	}
	if n := rowCount(t, m.s, "decisions", "1"); n != 2 {
		t.Errorf("decisions stored = %d, want 2", n)
	}
	dos, err := m.s.Dossier(m.ctx, id)
	must(t, "Dossier", err)
	if got := dos.ItemDecisions(item.ID); len(got) != 1 || got[0].Text != "Il verbale è approvato con una astensione." {
		t.Errorf("Dossier.ItemDecisions(first item) = %+v, want the updated decision", got)
	}
	if got := dos.ItemDecisions(""); len(got) != 1 || got[0].ID != general.ID {
		t.Errorf("Dossier.ItemDecisions(\"\") = %+v, want the decision on no item", got)
	}
}

func TestMeetingSaveActionItem(t *testing.T) {
	m := newMeeting(t)
	id := m.march.ID
	item := m.agenda(t, id)[1]
	due := meetDay(4, 30, 0, 0)
	a, err := m.s.SaveActionItem(m.ctx, data.ActionItem{SessionID: id, AgendaItemID: item.ID, Who: " Ufficio di Piano ",
		PersonID: m.rossi.ID, What: " Mappa dei servizi per gli anziani ", Due: due})
	must(t, "SaveActionItem", err)
	if a.Who != "Ufficio di Piano" || a.What != "Mappa dei servizi per gli anziani" || !a.Due.Equal(due) {
		t.Errorf("SaveActionItem = %+v, want trimmed who and what, due 30 April", a)
	}
	b, err := m.s.SaveActionItem(m.ctx, data.ActionItem{SessionID: id, Who: "Cooperativa Il Girasole",
		What: "Censimento dei volontari"})
	must(t, "SaveActionItem(no item, no due date)", err)
	other := m.agenda(t, m.april.ID)[0]
	for _, tt := range []struct {
		name string
		a    data.ActionItem
		code data.Code
		key  string
	}{
		{"no what", data.ActionItem{SessionID: id, Who: "UdP"}, data.EInvalid, "err.action.what_required"},
		{"no who", data.ActionItem{SessionID: id, What: "Mappa"}, data.EInvalid, "err.action.who_required"},
		{"unknown person", data.ActionItem{SessionID: id, PersonID: "nope", What: "Mappa"}, data.ENotFound,
			"err.ref.missing"},
		{"item of another session", data.ActionItem{SessionID: id, AgendaItemID: other.ID, Who: "UdP", What: "Mappa"},
			data.ENotFound, "err.ref.missing"},
		{"unknown session", data.ActionItem{SessionID: "nope", Who: "UdP", What: "Mappa"}, data.ENotFound,
			sessionMissing},
	} {
		_, err := m.s.SaveActionItem(m.ctx, tt.a)
		wantErr(t, "SaveActionItem("+tt.name+")", err, tt.code, tt.key)
	}
	dos, err := m.s.Dossier(m.ctx, id)
	must(t, "Dossier", err)
	if got := dos.ItemActions(item.ID); len(got) != 1 || got[0].ID != a.ID || got[0].PersonID != m.rossi.ID ||
		!got[0].Due.Equal(due) || got[0].Done {
		t.Errorf("Dossier.ItemActions(item) = %+v, want the Ufficio di Piano's action", got)
	}
	if len(dos.Actions) != 2 || dos.Actions[1].ID != b.ID || !dos.Actions[1].Due.IsZero() {
		t.Errorf("Dossier.Actions = %+v, want both in the order they were taken", dos.Actions)
	}
}

func TestMeetingSaveProposal(t *testing.T) {
	m := newMeeting(t)
	id := m.march.ID
	item := m.addItem(t, id, "Piano di Zona: proposte dell'area Anziani")
	p, err := m.s.SaveProposal(m.ctx, data.Proposal{SessionID: id, AgendaItemID: item.ID, AreaID: m.anziani.ID,
		Kind: data.KindIpotesi, Title: "  Trasporto sociale per le visite  ", Text: " Navetta settimanale. ",
		TargetGroup: " anziani soli ", ProposerID: m.rossi.ID, OrganisationID: m.usl.ID,
		ComuneIDs: []string{m.pieve.ID, m.castiglione.ID, m.magione.ID}, Cost: data.Cost5to25k, Duration: data.Time6to12})
	must(t, "SaveProposal", err)
	if p.State != data.StateProposta || p.Title != "Trasporto sociale per le visite" || p.Text != "Navetta settimanale." ||
		p.TargetGroup != "anziani soli" {
		t.Errorf("SaveProposal = %+v, want state proposta and trimmed texts", p)
	}
	q, err := m.s.SaveProposal(m.ctx, data.Proposal{SessionID: id, AreaID: m.disabilita.ID, Kind: data.KindCriticita,
		State: data.StateInValutazione, Title: "Liste d'attesa per i centri diurni"})
	must(t, "SaveProposal(no item)", err)
	loose, err := m.s.SaveProposal(m.ctx, data.Proposal{AreaID: m.anziani.ID, Kind: data.KindStrategia,
		Title: "Una proposta giunta per posta"})
	must(t, "SaveProposal(no session)", err)
	other := m.agenda(t, m.april.ID)[0]
	for _, tt := range []struct {
		name string
		p    data.Proposal
		code data.Code
		key  string
	}{
		{"no title", data.Proposal{SessionID: id, AreaID: m.anziani.ID, Kind: data.KindStrategia}, data.EInvalid,
			"err.proposal.title_required"},
		{"no area", data.Proposal{SessionID: id, Kind: data.KindStrategia, Title: "X"}, data.EInvalid,
			"err.proposal.area_required"},
		{"unknown area", data.Proposal{SessionID: id, AreaID: "nope", Kind: data.KindStrategia, Title: "X"},
			data.ENotFound, "err.ref.missing"},
		{"unknown proposer", data.Proposal{SessionID: id, AreaID: m.anziani.ID, Kind: data.KindStrategia, Title: "X",
			ProposerID: "nope"}, data.ENotFound, "err.ref.missing"},
		{"unknown organisation", data.Proposal{SessionID: id, AreaID: m.anziani.ID, Kind: data.KindStrategia,
			Title: "X", OrganisationID: "nope"}, data.ENotFound, "err.ref.missing"},
		{"unknown comune", data.Proposal{SessionID: id, AreaID: m.anziani.ID, Kind: data.KindStrategia, Title: "X",
			ComuneIDs: []string{m.pieve.ID, "nope"}}, data.ENotFound, "err.ref.missing"},
		{"unknown session", data.Proposal{SessionID: "nope", AreaID: m.anziani.ID, Kind: data.KindStrategia,
			Title: "X"}, data.ENotFound, sessionMissing},
		{"item of another session", data.Proposal{SessionID: id, AgendaItemID: other.ID, AreaID: m.anziani.ID,
			Kind: data.KindStrategia, Title: "X"}, data.ENotFound, "err.ref.missing"},
	} {
		_, err := m.s.SaveProposal(m.ctx, tt.p)
		wantErr(t, "SaveProposal("+tt.name+")", err, tt.code, tt.key)
	}
	if n := rowCount(t, m.s, "proposals", "1"); n != 3 {
		t.Errorf("proposals stored = %d, want 3", n)
	}
	// An edit does not move a proposal in its life: states, merges and the priority list have their own
	// steps, which record them.
	q.State, q.MergedIntoID, q.Priority = data.StateAccorpata, p.ID, 3
	q, err = m.s.SaveProposal(m.ctx, q)
	must(t, "SaveProposal(state set by hand)", err)
	if q.State != data.StateProposta || q.MergedIntoID != "" || q.Priority != 0 {
		t.Errorf("SaveProposal kept state %q, merged into %q, priority %d; want proposta, none, 0", q.State, q.MergedIntoID, q.Priority)
	}

	dos, err := m.s.Dossier(m.ctx, id)
	must(t, "Dossier", err)
	if len(dos.Proposals) != 2 {
		t.Fatalf("Dossier.Proposals = %+v, want the two of the session (not the one by post %s)", dos.Proposals, loose.ID)
	}
	got := dos.ItemProposals(item.ID)
	if len(got) != 1 {
		t.Fatalf("Dossier.ItemProposals(item) = %+v, want one", got)
	}
	v := got[0]
	if v.ID != p.ID || v.AreaName != "Anziani" || v.ProposerName != "Rossi Maria Grazia" ||
		v.ProposerProse != "Maria Grazia Rossi" || v.OrganisationName != "USL Umbria 1" || v.Cost != data.Cost5to25k || v.Duration != data.Time6to12 ||
		v.Kind != data.KindIpotesi || v.State != data.StateProposta {
		t.Errorf("Dossier proposal = %+v, want the names it refers to", v)
	}
	if want := []string{m.pieve.ID, m.castiglione.ID, m.magione.ID}; fmt.Sprint(v.ComuneIDs) != fmt.Sprint(want) {
		t.Errorf("Dossier proposal ComuneIDs = %v, want %v (the order given)", v.ComuneIDs, want)
	}
	if want := "Città della Pieve|Castiglione del Lago|Magione"; strings.Join(v.ComuneNames, "|") != want {
		t.Errorf("Dossier proposal ComuneNames = %q, want %q", v.ComuneNames, want)
	}
	if w := dos.Proposals[1]; w.ID != q.ID || w.State != data.StateProposta || w.MergedIntoID != "" ||
		w.AreaName != "Disabilità" || len(w.ComuneIDs) != 0 || w.ComuneNames != nil {
		t.Errorf("Dossier second proposal = %+v, want the critical point, no comuni", w)
	}
}

func TestMeetingDossier(t *testing.T) {
	m := newMeeting(t)
	// Sessions around march: february of the same body (the previous one), one of the mayors in between,
	// a deleted one of the same body in between, and april after.
	// The previous session is the last one held (closed or approved): a draft in between is not.
	feb := m.session(t, m.tavolo.ID, meetDay(2, 5, 15, 0))
	m.held(t, feb.ID)
	m.session(t, m.tavolo.ID, meetDay(3, 2, 15, 0)) // a draft, never held
	m.held(t, m.session(t, m.sindaci.ID, meetDay(3, 1, 15, 0)).ID)
	gone := m.session(t, m.tavolo.ID, meetDay(3, 2, 15, 0))
	_, err := m.s.Delete(m.ctx, data.Ref{Kind: data.KindSession, ID: gone.ID})
	must(t, "Delete(session)", err)

	m.clock.set(meetDay(3, 12, 15, 0))
	id := m.march.ID
	m.move(t, id, data.SessionConvocata, data.SessionInCorso)
	m.checkIn(t, data.Attendance{SessionID: id, PersonID: m.rossi.ID, SeatID: m.seatRossi.ID})
	item := m.addItem(t, id, "Piano di Zona")
	_, err = m.s.SaveDecision(m.ctx, data.Decision{SessionID: id, AgendaItemID: item.ID, Text: "Approvato."})
	must(t, "SaveDecision", err)
	_, err = m.s.SaveActionItem(m.ctx, data.ActionItem{SessionID: id, AgendaItemID: item.ID, Who: "UdP", What: "Mappa"})
	must(t, "SaveActionItem", err)
	_, err = m.s.SaveProposal(m.ctx, data.Proposal{SessionID: id, AgendaItemID: item.ID, AreaID: m.anziani.ID,
		Kind: data.KindStrategia, Title: "Rete di vicinato"})
	must(t, "SaveProposal", err)

	d, err := m.s.Dossier(m.ctx, id)
	must(t, "Dossier", err)
	if d.Ambito.Name != "Ambito Territoriale n.5 del Trasimeno" || d.Capofila != "Castiglione del Lago" ||
		d.Body.ID != m.tavolo.ID || d.Body.Name != "Tavolo tematico Anziani" || d.Body.Rules.Proxies != 1 ||
		d.AreaName != "Anziani" {
		t.Errorf("Dossier(march) heading = %+v / %q / %+v / %q, want the Ambito, its capofila, the Tavolo Anziani",
			d.Ambito, d.Capofila, d.Body, d.AreaName)
	}
	if d.Previous == nil || d.Previous.ID != feb.ID {
		t.Errorf("Dossier(march).Previous = %+v, want february's session %s", d.Previous, feb.ID)
	}
	if d.PresidentName != "Teresa Bianchi" || d.SecretaryName != "Maria Grazia Rossi" || d.President.Surname != "Bianchi" {
		t.Errorf("Dossier(march) officers = %q, %q (%+v), want Teresa Bianchi, Maria Grazia Rossi", d.PresidentName,
			d.SecretaryName, d.President)
	}
	if d.Session.ID != id || d.Session.Status != data.SessionInCorso || len(d.Agenda) != 3 || len(d.Seats) != 3 ||
		len(d.Register) != 3 || len(d.Decisions) != 1 || len(d.Actions) != 1 || len(d.Proposals) != 1 {
		t.Errorf("Dossier(march) = session %s %s, %d items, %d seats, %d lines, %d decisions, %d actions, %d proposals;"+
			" want in corso, 3, 3, 3, 1, 1, 1", d.Session.ID, d.Session.Status, len(d.Agenda), len(d.Seats),
			len(d.Register), len(d.Decisions), len(d.Actions), len(d.Proposals))
	}
	seats := d.VoteSeats()
	if len(seats) != 3 || seats[0].ID != m.seatRossi.ID || seats[0].Population != 0 {
		t.Errorf("Dossier(march).VoteSeats() = %v, want the three seats, no population", seats)
	}

	// Changed is the latest change to anything in the dossier.
	latest := func(d data.Dossier) time.Time {
		l := d.Session.Updated
		for _, x := range []time.Time{d.Agenda[0].Updated, d.Agenda[1].Updated, d.Agenda[2].Updated,
			d.Register[0].Updated, d.Decisions[0].Updated, d.Actions[0].Updated, d.Proposals[0].Updated} {
			if x.After(l) {
				l = x
			}
		}
		return l
	}
	if !d.Changed.Equal(latest(d)) {
		t.Errorf("Dossier(march).Changed = %v, want %v", d.Changed, latest(d))
	}
	for _, tt := range []struct {
		name   string
		change func()
	}{
		{"notes on an item", func() {
			it := m.agenda(t, id)[1]
			it.Notes = "Discussione ampia."
			_, err := m.s.SaveAgendaItem(m.ctx, it)
			must(t, "SaveAgendaItem", err)
		}},
		{"someone leaving", func() {
			_, err := m.s.StampLeft(m.ctx, d.Register[0].ID, true)
			must(t, "StampLeft", err)
		}},
		{"a decision", func() {
			dec := d.Decisions[0]
			dec.Text = "Approvato all'unanimità."
			_, err := m.s.SaveDecision(m.ctx, dec)
			must(t, "SaveDecision", err)
		}},
		{"an action", func() {
			a := d.Actions[0]
			a.Done = true
			_, err := m.s.SaveActionItem(m.ctx, a)
			must(t, "SaveActionItem", err)
		}},
		{"a proposal", func() {
			p := d.Proposals[0].Proposal
			p.State = data.StateInValutazione
			_, err := m.s.SaveProposal(m.ctx, p)
			must(t, "SaveProposal", err)
		}},
		{"the session", func() {
			s, err := m.s.Session(m.ctx, id)
			must(t, "Session", err)
			s.Place = "Sala Blu"
			_, err = m.s.SaveSession(m.ctx, s.Session)
			must(t, "SaveSession", err)
		}},
	} {
		at := m.clock.add(time.Minute)
		tt.change()
		d, err = m.s.Dossier(m.ctx, id)
		must(t, "Dossier", err)
		if !d.Changed.Equal(at) {
			t.Errorf("Dossier(march).Changed after %s at %v = %v, want %v", tt.name, at, d.Changed, at)
		}
	}
	// Reading changes nothing: two reads give the same dossier.
	again, err := m.s.Dossier(m.ctx, id)
	must(t, "Dossier", err)
	if !reflect.DeepEqual(again, d) {
		t.Errorf("Dossier read twice differs:\n%+v\n%+v", d, again)
	}

	// The first session of a body has no previous one; a mayors' session has no area.
	fd, err := m.s.Dossier(m.ctx, feb.ID)
	must(t, "Dossier(february)", err)
	if fd.Previous != nil {
		t.Errorf("Dossier(february).Previous = %+v, want nil", fd.Previous)
	}
	may := m.session(t, m.sindaci.ID, meetDay(5, 7, 18, 0))
	md, err := m.s.Dossier(m.ctx, may.ID)
	must(t, "Dossier(may)", err)
	if md.AreaName != "" || md.Previous == nil || md.Previous.BodyID != m.sindaci.ID || len(md.Seats) != 3 ||
		md.Seats[0].Population != 15150 {
		t.Errorf("Dossier(mayors, may) = area %q previous %+v seats %+v, want no area, the mayors' session of 1 March",
			md.AreaName, md.Previous, md.Seats)
	}
	_, err = m.s.Dossier(m.ctx, gone.ID)
	wantErr(t, "Dossier(deleted session)", err, data.ENotFound, sessionMissing)
}
