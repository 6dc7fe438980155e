package sqlite

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/tavoli/tavoli/data"
)

// BenchmarkDossier reads the dossier of a Tavolo tematico's session with 40 seats held by 40 people
// present and 10 agenda items, each with a decision, an action and a proposal: what the meeting screen
// and every document read.
func BenchmarkDossier(b *testing.B) {
	ctx := context.Background()
	s := openAt(b, filepath.Join(b.TempDir(), "tavoli.db"), testOptions())
	area, err := s.SaveArea(ctx, data.Area{Name: "Anziani"})
	must(b, "SaveArea", err)
	body, err := s.SaveBody(ctx, data.Body{Name: "Tavolo tematico Anziani", Kind: data.BodyTavoloTematico,
		AreaID: area.ID, Rules: data.DefaultRules(data.BodyTavoloTematico)})
	must(b, "SaveBody", err)
	var people []data.Person
	for i := range 40 {
		p, err := s.SavePerson(ctx, data.Person{Surname: fmt.Sprintf("Partecipante %02d", i), Name: "Anna",
			Category: data.CatAssociazione})
		must(b, "SavePerson", err)
		seat, err := s.SaveSeat(ctx, data.Seat{BodyID: body.ID, PersonID: p.ID})
		must(b, "SaveSeat", err)
		_, err = s.SaveMembership(ctx, data.Membership{BodyID: body.ID, PersonID: p.ID, Role: data.RoleMembro,
			SeatID: seat.ID})
		must(b, "SaveMembership", err)
		people = append(people, p)
	}
	sess, err := s.SaveSession(ctx, data.Session{BodyID: body.ID, Call: data.CallPrima, Date: meetDay(3, 12, 15, 0),
		PresidentID: people[0].ID, SecretaryID: people[1].ID})
	must(b, "SaveSession", err)
	for i := range 8 {
		_, err := s.SaveAgendaItem(ctx, data.AgendaItem{SessionID: sess.ID, Title: fmt.Sprintf("Punto %d", i+2)})
		must(b, "SaveAgendaItem", err)
	}
	seats, err := s.Seats(ctx, body.ID)
	must(b, "Seats", err)
	for i, p := range people {
		_, err := s.SaveAttendance(ctx, data.Attendance{SessionID: sess.ID, PersonID: p.ID, SeatID: seats[i].ID,
			Presence: data.PresencePresente})
		must(b, "SaveAttendance", err)
	}
	items, err := s.Agenda(ctx, sess.ID)
	must(b, "Agenda", err)
	for i, it := range items {
		_, err := s.SaveDecision(ctx, data.Decision{SessionID: sess.ID, AgendaItemID: it.ID, Text: "Approvato."})
		must(b, "SaveDecision", err)
		_, err = s.SaveActionItem(ctx, data.ActionItem{SessionID: sess.ID, AgendaItemID: it.ID, PersonID: people[i].ID,
			What: "Relazione"})
		must(b, "SaveActionItem", err)
		_, err = s.SaveProposal(ctx, data.Proposal{SessionID: sess.ID, AgendaItemID: it.ID, AreaID: area.ID,
			Kind: data.KindStrategia, Title: fmt.Sprintf("Proposta %d", i), ProposerID: people[i].ID})
		must(b, "SaveProposal", err)
	}
	b.ResetTimer()
	for b.Loop() {
		d, err := s.Dossier(ctx, sess.ID)
		if err != nil {
			b.Fatalf("Dossier = %v", err)
		}
		if len(d.Register) != 40 || len(d.Agenda) != 10 || len(d.Proposals) != 10 {
			b.Fatalf("Dossier = %d lines, %d items, %d proposals, want 40, 10, 10", len(d.Register), len(d.Agenda),
				len(d.Proposals))
		}
	}
}
