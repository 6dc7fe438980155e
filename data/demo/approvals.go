package demo

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/vote"
)

// addApprovals does what the secretaries did at each session's first item: the verbale of the body's
// previous session is approved by a vote, recorded seat by seat (a seat that was not at the session
// approved abstains, unless the notes say the approval was unanimous). The verbale is kept without its
// PDF, which the store renders from the approved data when it seeds the demo. The convocations made
// in 2026 get protocol numbers, as the office's register gave them.
func addApprovals(ds *data.Dataset) error {
	byBody := map[string][]int{}
	for i, s := range ds.Sessions {
		if s.Status.Held() && s.CorrectsID == "" {
			byBody[s.BodyID] = append(byBody[s.BodyID], i)
		}
	}
	bodies := make([]string, 0, len(byBody))
	for b := range byBody {
		bodies = append(bodies, b)
	}
	sort.Strings(bodies)
	for _, b := range bodies {
		held := byBody[b]
		sort.SliceStable(held, func(i, j int) bool { return ds.Sessions[held[i]].Date.Before(ds.Sessions[held[j]].Date) })
		for k := 1; k < len(held); k++ {
			if err := approve(ds, held[k-1], held[k]); err != nil {
				return fmt.Errorf("demo approval of %s: %w", ds.Sessions[held[k-1]].Date.Format("2006-01-02"), err)
			}
		}
	}
	numbers := map[string]int{}
	for _, b := range bodies {
		var all []data.Session
		for _, i := range byBody[b] {
			all = append(all, ds.Sessions[i])
		}
		for id, n := range data.VerbaleNumbers(all) {
			numbers[id] = n
		}
	}
	order := make([]int, len(ds.Sessions))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(i, j int) bool { return ds.Sessions[order[i]].Created.Before(ds.Sessions[order[j]].Created) })
	prot := 0
	for _, i := range order {
		s := &ds.Sessions[i]
		if s.Status == data.SessionApprovata {
			s.Number = numbers[s.ID]
		}
		if convened := s.Created.In(data.Zone); convened.Year() == 2026 {
			prot++
			s.ConvocationProtocol = fmt.Sprint(140 + 53*prot)
			s.ConvocationDate = time.Date(convened.Year(), convened.Month(), convened.Day(), 9, 0, 0, 0, data.Zone)
		}
	}
	return nil
}

// approve records the approval of session p's verbale on session n's first item.
func approve(ds *data.Dataset, p, n int) error {
	prev, in := &ds.Sessions[p], ds.Sessions[n]
	var item data.AgendaItem
	for _, it := range ds.Agenda {
		if it.SessionID == in.ID && it.Position == 1 {
			item = it
		}
	}
	if item.Title != data.DefaultAgenda[0] {
		return fmt.Errorf("the first item of %s is %q, not the approval of the verbale", in.Date.Format("2006-01-02"), item.Title)
	}
	start := item.Updated.Add(-item.Spent)
	opened, closed := start.Add(item.Spent/3).Truncate(time.Second), start.Add(item.Spent*2/3).Truncate(time.Second)
	var body data.Body
	for _, b := range ds.Bodies {
		if b.ID == in.BodyID {
			body = b
		}
	}
	population := map[string]int{}
	for _, c := range ds.Comuni {
		population[c.ID] = c.Population
	}
	lines := func(sessionID string) []data.RegisterLine {
		var out []data.RegisterLine
		for _, a := range ds.Attendance {
			if a.SessionID == sessionID {
				out = append(out, data.RegisterLine{Attendance: a})
			}
		}
		return out
	}
	present := data.PresentSeats(lines(in.ID), opened)
	wasThere := data.PresentSeats(lines(prev.ID), time.Time{})
	for _, a := range ds.Attendance {
		if a.SessionID == prev.ID && a.SeatID != "" && a.Presence == data.PresencePresente {
			wasThere[a.SeatID] = true
		}
	}
	unanimous := strings.Contains(item.Notes, "unanimità")
	x := data.Vote{Meta: data.Meta{ID: id("vote", "approval", in.ID), Created: opened, Updated: closed},
		SessionID: in.ID, AgendaItemID: item.ID, Subject: data.ApprovalSubject(*prev), Method: data.MethodMotion,
		Rules: body.Rules, Status: data.VoteChiusa, Opened: opened, Closed: closed}
	sum := sha256.Sum256([]byte(x.ID))
	x.Settings.Seed = int64(binary.BigEndian.Uint32(sum[:4])) // as OpenVote derives it
	var seats []vote.OpeningSeat
	var ballots []data.VoteBallot
	for _, st := range ds.Seats {
		if st.BodyID != body.ID {
			continue
		}
		seats = append(seats, vote.OpeningSeat{ID: st.ID, Label: seatName(ds, st), Population: int64(population[st.ComuneID])})
		if present[st.ID] {
			choice := vote.Favorevole
			if !unanimous && !wasThere[st.ID] {
				choice = vote.Astenuto
			}
			at := opened.Add(time.Duration(len(ballots)+1) * time.Second)
			ballots = append(ballots, data.VoteBallot{Meta: data.Meta{ID: id("ballot", x.ID, st.ID), Created: at, Updated: at},
				VoteID: x.ID, Voter: st.ID, Count: 1, Choice: choice})
		}
	}
	if len(ballots) == 0 {
		return fmt.Errorf("no seat is present to vote")
	}
	if q := vote.RecordOpening(&x, in.Call, seats, present); !q.Holds {
		return fmt.Errorf("the session approving it has no numero legale")
	}
	r, err := vote.Tally(vote.CountOf(x, in.Call, ballots))
	if err != nil {
		return err
	}
	if r.Outcome() != vote.OutcomeApproved {
		return fmt.Errorf("the vote does not approve it: %s", r.Outcome())
	}
	decision := data.Decision{Meta: data.Meta{ID: id("decision", "approval", in.ID), Created: closed, Updated: closed},
		SessionID: in.ID, AgendaItemID: item.ID, Text: data.ApprovalDecision(*prev), VoteID: x.ID}
	ds.Votes = append(ds.Votes, x)
	ds.Ballots = append(ds.Ballots, ballots...)
	ds.Decisions = append(ds.Decisions, decision)
	prev.Status, prev.ApprovedInID, prev.Updated = data.SessionApprovata, in.ID, later(prev.Updated, closed)
	ds.Verbali = append(ds.Verbali, data.Verbale{Meta: data.Meta{ID: id("verbale", prev.ID), Created: closed, Updated: closed},
		SessionID: prev.ID, ApprovedInID: in.ID, DecisionID: decision.ID, Approved: closed})
	return nil
}

// seatName is a seat's name as a vote lists it: its label, or its comune's, organisation's or person's name.
func seatName(ds *data.Dataset, st data.Seat) string {
	if st.Label != "" {
		return st.Label
	}
	for _, c := range ds.Comuni {
		if c.ID == st.ComuneID && st.ComuneID != "" {
			return c.Name
		}
	}
	for _, o := range ds.Organisations {
		if o.ID == st.OrganisationID && st.OrganisationID != "" {
			return o.Name
		}
	}
	for _, p := range ds.People {
		if p.ID == st.PersonID && st.PersonID != "" {
			return p.FullName()
		}
	}
	return ""
}
