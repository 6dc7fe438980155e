package sqlite

import (
	"context"
	"reflect"
	"testing"

	"github.com/tavoli/tavoli/data"
)

// heldStatus is what a meeting that took place can be.
var heldStatus = map[data.SessionStatus]bool{data.SessionInCorso: true, data.SessionChiusa: true, data.SessionApprovata: true}

// sqlCounts runs a query of (key, count) rows and returns them as a map.
func sqlCounts(t *testing.T, s *Store, q string) map[string]int {
	t.Helper()
	rows, err := s.db.Query(q)
	must(t, "query", err)
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var k string
		var n int
		must(t, "scan", rows.Scan(&k, &n))
		out[k] = n
	}
	must(t, "rows", rows.Err())
	return out
}

// TestParticipationCounts checks the figures of the Documento di sintesi on the demo against counts
// made two other ways: SQL written here, and the demo's own records in memory.
func TestParticipationCounts(t *testing.T) {
	s := openTest(t)
	ds := seedDemo(t, s, 1)
	p, err := s.Participation(context.Background())
	must(t, "Participation", err)

	const held = `s.deleted = 0 AND s.status IN ('in_corso', 'chiusa', 'approvata')`
	const present = `FROM attendance a JOIN sessions s ON s.id = a.session_id
		WHERE a.deleted = 0 AND a.presence = 'presente' AND ` + held
	one := func(q string) int {
		t.Helper()
		var n int
		must(t, "count", s.db.QueryRow(q).Scan(&n))
		return n
	}
	if want := one(`SELECT count(*) FROM sessions s WHERE ` + held); p.Meetings != want || want == 0 {
		t.Errorf("Meetings = %d, want %d (and some)", p.Meetings, want)
	}
	if want := one(`SELECT count(DISTINCT a.person_id) ` + present); p.People != want || want == 0 {
		t.Errorf("People = %d, want %d distinct people present", p.People, want)
	}
	if want := one(`SELECT count(*) FROM (SELECT DISTINCT a.session_id, a.person_id ` + present + `)`); p.Presences != want {
		t.Errorf("Presences = %d, want %d (a person once per meeting)", p.Presences, want)
	}
	meetings := sqlCounts(t, s, `SELECT s.body_id, count(*) FROM sessions s WHERE `+held+` GROUP BY s.body_id`)
	people := sqlCounts(t, s, `SELECT s.body_id, count(DISTINCT a.person_id) `+present+` GROUP BY s.body_id`)
	presences := sqlCounts(t, s, `SELECT body_id, count(*) FROM (SELECT DISTINCT s.body_id, a.session_id, a.person_id `+
		present+`) GROUP BY body_id`)
	bodies, err := s.Bodies(context.Background())
	must(t, "Bodies", err)
	if len(p.Bodies) != len(ds.Bodies) || len(bodies) != len(ds.Bodies) {
		t.Errorf("Bodies = %d, want every body (%d)", len(p.Bodies), len(ds.Bodies))
	}
	for i, b := range p.Bodies {
		if i < len(bodies) && b.BodyID != bodies[i].ID {
			t.Errorf("body %d = %q, want %q: the order of the bodies' list", i, b.Name, bodies[i].Name)
		}
		if b.Meetings != meetings[b.BodyID] || b.People != people[b.BodyID] || b.Presences != presences[b.BodyID] {
			t.Errorf("%s: %d meetings, %d people, %d presences; want %d, %d, %d", b.Name, b.Meetings, b.People, b.Presences,
				meetings[b.BodyID], people[b.BodyID], presences[b.BodyID])
		}
	}
	categories := sqlCounts(t, s, `SELECT pe.category, count(DISTINCT pe.id) `+
		`FROM attendance a JOIN sessions s ON s.id = a.session_id JOIN people pe ON pe.id = a.person_id
		WHERE a.deleted = 0 AND a.presence = 'presente' AND `+held+` GROUP BY pe.category`)
	comuni := sqlCounts(t, s, `SELECT coalesce(c.id, ''), count(DISTINCT pe.id) `+
		`FROM attendance a JOIN sessions s ON s.id = a.session_id JOIN people pe ON pe.id = a.person_id
		LEFT JOIN comuni c ON c.id = pe.comune_id AND c.deleted = 0
		WHERE a.deleted = 0 AND a.presence = 'presente' AND `+held+` GROUP BY coalesce(c.id, '')`)
	for name, tt := range map[string]struct {
		got  []data.CountOf
		want map[string]int
	}{"categories": {p.Categories, categories}, "comuni": {p.Comuni, comuni}} {
		got, sum := map[string]int{}, 0
		for i, c := range tt.got {
			got[c.Key] = c.N
			sum += c.N
			if i > 0 && c.N > tt.got[i-1].N {
				t.Errorf("%s not by count: %v", name, tt.got)
			}
		}
		if !reflect.DeepEqual(got, tt.want) || sum != p.People {
			t.Errorf("%s = %v (sum %d), want %v (sum %d people)", name, got, sum, tt.want, p.People)
		}
	}
	for _, c := range p.Comuni {
		if (c.Key == "") != (c.Label == "") {
			t.Errorf("comune %q labelled %q, want a name for every comune and none for the rest", c.Key, c.Label)
		}
	}

	// The same from the demo's records, in memory.
	status := map[string]data.SessionStatus{}
	body := map[string]string{}
	for _, x := range ds.Sessions {
		status[x.ID], body[x.ID] = x.Status, x.BodyID
	}
	heldN := 0
	for _, x := range ds.Sessions {
		if heldStatus[x.Status] {
			heldN++
		}
	}
	seen := map[string]bool{}
	pairs := map[[2]string]bool{}
	for _, a := range ds.Attendance {
		if a.Presence == data.PresencePresente && heldStatus[status[a.SessionID]] {
			seen[a.PersonID] = true
			pairs[[2]string{a.SessionID, a.PersonID}] = true
		}
	}
	if p.Meetings != heldN || p.People != len(seen) || p.Presences != len(pairs) {
		t.Errorf("Participation = %d meetings, %d people, %d presences; the demo's records say %d, %d, %d",
			p.Meetings, p.People, p.Presences, heldN, len(seen), len(pairs))
	}
	perArea := map[string]map[data.ProposalKind]int{}
	for _, x := range ds.Proposals {
		if x.State == data.StateAccorpata {
			continue
		}
		if perArea[x.AreaID] == nil {
			perArea[x.AreaID] = map[data.ProposalKind]int{}
		}
		perArea[x.AreaID][x.Kind]++
	}
	if len(p.Proposals) != len(ds.Areas) {
		t.Errorf("Proposals by area = %d areas, want %d", len(p.Proposals), len(ds.Areas))
	}
	for _, a := range p.Proposals {
		total := 0
		for _, n := range perArea[a.AreaID] {
			total += n
		}
		got := map[data.ProposalKind]int{}
		for k, n := range a.ByKind {
			if n > 0 {
				got[k] = n
			}
		}
		want := perArea[a.AreaID]
		if want == nil {
			want = map[data.ProposalKind]int{}
		}
		if !reflect.DeepEqual(got, want) || a.Total != total {
			t.Errorf("%s: %v (total %d), want %v (total %d), merged originals not counted", a.Name, got, a.Total, want, total)
		}
	}
}

// TestSynthesisDemo checks the shape of the Documento di sintesi's data on the demo.
func TestSynthesisDemo(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	ds := seedDemo(t, s, 1)
	syn, err := s.Synthesis(ctx, "")
	must(t, "Synthesis", err)
	if syn.Ambito.Name != ds.Ambito.Name || syn.Capofila == "" || syn.Changed.IsZero() || !syn.Weighing.Valid() {
		t.Errorf("Synthesis head = %q, capofila %q, changed %v, weighing %q", syn.Ambito.Name, syn.Capofila, syn.Changed, syn.Weighing)
	}
	// The demo's Ufficio di Piano is presided by Lucia Ferri: she signs the document.
	if syn.Responsible != "Lucia Ferri" || syn.ResponsibleGender != data.GenderFemminile {
		t.Errorf("Synthesis responsible = %q (%q), want the Ufficio di Piano's presidente, Lucia Ferri (f)", syn.Responsible,
			syn.ResponsibleGender)
	}
	part, err := s.Participation(ctx)
	must(t, "Participation", err)
	if !reflect.DeepEqual(syn.Participation, part) {
		t.Error("Synthesis participation differs from Participation")
	}
	if len(syn.Areas) != len(ds.Areas) {
		t.Fatalf("Synthesis areas = %d, want %d", len(syn.Areas), len(ds.Areas))
	}
	standing := map[string]data.Proposal{}
	for _, p := range ds.Proposals {
		if p.State != data.StateAccorpata {
			standing[p.ID] = p
		}
	}
	for i, a := range syn.Areas {
		if a.Area.ID != ds.Areas[i].ID {
			t.Errorf("area %d = %q, want %q: the Ambito's order", i, a.Area.Name, ds.Areas[i].Name)
		}
		ranking, err := s.Ranking(ctx, a.Area.ID)
		must(t, "Ranking", err)
		var ranked []string
		for _, r := range ranking {
			if r.Kind == data.KindIpotesi {
				ranked = append(ranked, r.ID)
			}
		}
		wantIdeas(t, a, ranked, standing)
		for kind, list := range map[data.ProposalKind][]data.ProposalView{data.KindPuntoDiForza: a.Strengths,
			data.KindCriticita: a.Critical, data.KindStrategia: a.Strategies} {
			want := 0
			for _, p := range standing {
				if p.AreaID == a.Area.ID && p.Kind == kind {
					want++
				}
			}
			for _, p := range list {
				if p.Kind != kind || p.AreaID != a.Area.ID || p.State == data.StateAccorpata {
					t.Errorf("%s %s: %q is %s of %s (%s)", a.Area.Name, kind, p.Title, p.Kind, p.AreaName, p.State)
				}
			}
			if len(list) != want {
				t.Errorf("%s: %d of kind %s, want %d", a.Area.Name, len(list), kind, want)
			}
		}
	}
	wantPriorities(t, syn.Priorities, "")
	for _, r := range syn.Rounds {
		if len(r.Vote.Covers) == 0 || (r.Body.Kind != data.BodyTavoloAlto && r.Body.Kind != data.BodySindaci) ||
			r.Vote.Status != data.VoteChiusa || r.Session.ID != r.Vote.SessionID {
			t.Errorf("round %q of %q: covers %d, status %s; want a closed validation vote", r.Vote.Subject, r.Body.Name,
				len(r.Vote.Covers), r.Vote.Status)
		}
	}

	// One area: only its part; the figures stay the district's.
	area := ds.Areas[len(ds.Areas)/2]
	one, err := s.Synthesis(ctx, area.ID)
	must(t, "Synthesis(area)", err)
	if one.AreaID != area.ID || len(one.Areas) != 1 || one.Areas[0].Area.ID != area.ID {
		t.Errorf("Synthesis(%s) = area %q, %d areas; want that area alone", area.Name, one.AreaID, len(one.Areas))
	}
	if !reflect.DeepEqual(one.Participation, part) || len(one.Rounds) != len(syn.Rounds) {
		t.Error("Synthesis of one area changed the district's figures or validation rounds")
	}
	if len(one.Areas) == 1 && !reflect.DeepEqual(one.Areas[0], syn.Areas[len(ds.Areas)/2]) {
		t.Errorf("Synthesis(%s) area part differs from the district's", area.Name)
	}
	wantPriorities(t, one.Priorities, area.ID)
	_, err = s.Synthesis(ctx, "00000000-0000-4000-8000-999999999999")
	wantErr(t, "Synthesis(unknown area)", err, data.ENotFound, "err.area.missing")
}

// wantIdeas checks an area's project ideas: the ranked ones first, in the consolidation's order with
// its scores, then the unvoted ones, unranked; every standing idea of the area once.
func wantIdeas(t *testing.T, a data.SynthesisArea, ranked []string, standing map[string]data.Proposal) {
	t.Helper()
	seen := map[string]bool{}
	for i, r := range a.Ideas {
		seen[r.ID] = true
		if r.Kind != data.KindIpotesi || r.AreaID != a.Area.ID || r.State == data.StateAccorpata {
			t.Errorf("%s idea %q: %s of %s, %s", a.Area.Name, r.Title, r.Kind, r.AreaName, r.State)
		}
		if i < len(ranked) {
			if r.ID != ranked[i] {
				t.Errorf("%s idea %d = %q, want the consolidation's order", a.Area.Name, i, r.Title)
			}
			switch {
			case i == 0 && r.Rank != 1:
				t.Errorf("%s first idea rank %d, want 1", a.Area.Name, r.Rank)
			case i > 0 && r.Score > a.Ideas[i-1].Score:
				t.Errorf("%s idea %q scores %v after %v", a.Area.Name, r.Title, r.Score, a.Ideas[i-1].Score)
			case i > 0 && r.Rank != i+1 && r.Rank != a.Ideas[i-1].Rank:
				t.Errorf("%s idea %d rank %d, want %d or its tie's", a.Area.Name, i, r.Rank, i+1)
			}
		} else if r.Rank != 0 || r.Votes != 0 || r.Score != 0 {
			t.Errorf("%s unvoted idea %q: rank %d, %d votes, score %v; want none", a.Area.Name, r.Title, r.Rank, r.Votes, r.Score)
		}
	}
	want := 0
	for _, p := range standing {
		if p.AreaID == a.Area.ID && p.Kind == data.KindIpotesi {
			want++
			if !seen[p.ID] {
				t.Errorf("%s: the idea %q is missing", a.Area.Name, p.Title)
			}
		}
	}
	if len(a.Ideas) != want {
		t.Errorf("%s: %d ideas, want %d, each once", a.Area.Name, len(a.Ideas), want)
	}
}

// wantPriorities checks the priority list: places in order, none merged, all of the area when one is
// given.
func wantPriorities(t *testing.T, list []data.Ranked, areaID string) {
	t.Helper()
	for i, r := range list {
		if r.Priority <= 0 || r.State == data.StateAccorpata || (i > 0 && r.Priority <= list[i-1].Priority) ||
			(areaID != "" && r.AreaID != areaID) {
			t.Errorf("priority %d = %q: place %d, %s, area %s", i, r.Title, r.Priority, r.State, r.AreaName)
		}
	}
}

// TestSynthesisOffice follows the office's work into the synthesis: ideas ranked by the tables' votes
// and then the unvoted one, the priority list in its order, and the validation rounds.
func TestSynthesisOffice(t *testing.T) {
	o := newOffice(t)
	a, b, c := o.propose(t, "Custode sociale di frazione"), o.propose(t, "Caffè Alzheimer itinerante"),
		o.propose(t, "Albo delle assistenti familiari")
	unvoted := o.propose(t, "Telesoccorso")
	strength := o.save(t, data.Proposal{Title: "Assistenza domiciliare apprezzata", Kind: data.KindPuntoDiForza})
	critical := o.save(t, data.Proposal{Title: "Liste d'attesa", Kind: data.KindCriticita})
	strategy := o.save(t, data.Proposal{Title: "Lavorare in rete", Kind: data.KindStrategia})
	other := o.save(t, data.Proposal{Title: "Inserimento lavorativo", Kind: data.KindIpotesi, AreaID: o.disabilita.ID})
	o.pointsVote(t, "Priorità", []data.Proposal{a, b, c, other}, map[string]int{a.ID: 20, b.ID: 50, c.ID: 30},
		map[string]int{a.ID: 20, b.ID: 30, other.ID: 50}) // b .4, a .2, c .15, other .25
	must(t, "SetPriorities", o.s.SetPriorities(o.ctx, []string{c.ID, a.ID, other.ID}, ""))
	alto := o.heldSession(t, o.alto.ID, meetDay(9, 15, 10, 0),
		data.Attendance{PersonID: o.rossi.ID, SeatID: o.altoRossi.ID}, data.Attendance{PersonID: o.bianchi.ID, SeatID: o.altoBianchi.ID})
	round := o.motion(t, alto, o.alto.Rules, []string{c.ID, a.ID},
		map[string]string{o.altoRossi.ID: "favorevole", o.altoBianchi.ID: "favorevole"})

	syn, err := o.s.Synthesis(o.ctx, "")
	must(t, "Synthesis", err)
	if len(syn.Areas) != 2 || syn.Areas[0].Area.ID != o.anziani.ID || syn.Areas[1].Area.ID != o.disabilita.ID {
		t.Fatalf("Synthesis areas = %d, want Anziani then Disabilità", len(syn.Areas))
	}
	anz := syn.Areas[0]
	var got []string
	for _, r := range anz.Ideas {
		got = append(got, r.Title)
	}
	want := []string{b.Title, a.Title, c.Title, unvoted.Title}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Anziani ideas = %q, want %q: ranked, then unvoted", got, want)
	} else if anz.Ideas[0].Rank != 1 || anz.Ideas[1].Rank != 2 || anz.Ideas[2].Rank != 3 || anz.Ideas[3].Rank != 0 ||
		!near(anz.Ideas[0].Score, 0.4) || anz.Ideas[0].Votes != 1 {
		t.Errorf("Anziani ideas ranks %d %d %d %d, first score %v; want 1 2 3 and none, .4", anz.Ideas[0].Rank,
			anz.Ideas[1].Rank, anz.Ideas[2].Rank, anz.Ideas[3].Rank, anz.Ideas[0].Score)
	}
	if len(anz.Strengths) != 1 || anz.Strengths[0].ID != strength.ID || len(anz.Critical) != 1 ||
		anz.Critical[0].ID != critical.ID || len(anz.Strategies) != 1 || anz.Strategies[0].ID != strategy.ID {
		t.Errorf("Anziani strengths, critical points, strategies = %d, %d, %d; want one each", len(anz.Strengths),
			len(anz.Critical), len(anz.Strategies))
	}
	if ideas := syn.Areas[1].Ideas; len(ideas) != 1 || ideas[0].ID != other.ID || ideas[0].Rank != 1 {
		t.Errorf("Disabilità ideas = %+v, want its one idea ranked first in its area", ideas)
	}
	var prio []string
	for _, r := range syn.Priorities {
		prio = append(prio, r.Title)
	}
	if want := []string{c.Title, a.Title, other.Title}; !reflect.DeepEqual(prio, want) {
		t.Errorf("Priorities = %q, want %q", prio, want)
	} else if !near(syn.Priorities[0].Score, 0.15) || syn.Priorities[0].State != data.StateValidata {
		t.Errorf("first priority: score %v, %s; want .15, validata", syn.Priorities[0].Score, syn.Priorities[0].State)
	}
	if len(syn.Rounds) != 1 || syn.Rounds[0].Vote.ID != round.ID || syn.Rounds[0].Body.ID != o.alto.ID ||
		syn.Rounds[0].Session.ID != alto.ID || len(syn.Rounds[0].Ballots) != 2 {
		t.Errorf("Rounds = %+v, want the Tavolo Alto's vote with its two ballots", syn.Rounds)
	}

	one, err := o.s.Synthesis(o.ctx, o.disabilita.ID)
	must(t, "Synthesis(Disabilità)", err)
	if len(one.Areas) != 1 || len(one.Priorities) != 1 || one.Priorities[0].ID != other.ID {
		t.Errorf("Synthesis(Disabilità) = %d areas, priorities %d; want its area and its one priority", len(one.Areas), len(one.Priorities))
	}
}
