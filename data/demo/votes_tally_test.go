package demo

import (
	"strings"
	"testing"

	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/vote"
)

// TestVotesTally counts every demo vote as the meeting screen and the documents do, and checks the
// outcome the demo's notes and decisions tell.
func TestVotesTally(t *testing.T) {
	ds := trasimeno(t)
	type want struct {
		outcome vote.Outcome
		ranking []string // the first options, by title, for priority votes
		invalid int
	}
	wants := map[string]want{
		id("vote", "sindaci-2025-02", "4", "20"): {outcome: vote.OutcomeRejected},
		id("vote", "sindaci-2025-02", "4", "25"): {outcome: vote.OutcomeApproved},
		id("vote", "alto-2025-03", "2", "15"):    {outcome: vote.OutcomeApproved},
		id("vote", "sindaci-2025-07", "4", "25"): {outcome: vote.OutcomeApproved},
		id("vote", "fam-2025-09", "3", "32"): {vote.OutcomeWinner, []string{"Centro per le famiglie del Trasimeno",
			"Sportello itinerante di mediazione familiare"}, 1},
		id("vote", "inf-2025-09", "3", "38"): {outcome: vote.OutcomeWinner, ranking: []string{
			"Sportello d'ascolto in rete negli istituti scolastici", "Tutor per il passaggio alle superiori",
			"Centri estivi inclusivi nei comuni del lago", "Aggiornare la ricerca-intervento su agio e disagio giovanile"}},
		id("vote", "dis-2025-10", "3", "43"): {outcome: vote.OutcomeWinner,
			ranking: []string{"Gruppo appartamento per l'autonomia («Dopo di noi»)"}},
		// A Schulze vote tied at the top, left tied: the table proposes both first.
		id("vote", "anz-2025-10", "9", "29"): {vote.OutcomeTie, []string{
			"Trasporto sociale di Ambito con volontari e mezzi comunali", "Albo e formazione delle assistenti familiari",
			"Caffè Alzheimer itinerante nei comuni del lago", "Custode sociale di frazione"}, 1},
		id("vote", "lav-2025-10", "3", "32"): {vote.OutcomeWinner,
			[]string{"Tirocini di inclusione in agricoltura sociale intorno al lago"}, 1},
		id("vote", "imm-2025-10", "3", "32"): {outcome: vote.OutcomeWinner, ranking: []string{
			"Sportello informativo di Ambito «Immigrati in Rete 2»", "Italiano per mamme con spazio bambini"}},
		id("vote", "udp-2025-11", "3", "5"): {outcome: vote.OutcomeWinner, ranking: []string{
			"Trasporto sociale di Ambito con volontari e mezzi comunali", "Centro per le famiglie del Trasimeno",
			"Albo e formazione delle assistenti familiari", "Sportello d'ascolto in rete negli istituti scolastici",
			"Tirocini di inclusione in agricoltura sociale intorno al lago"}},
		id("vote", "alto-2026-01", "3", "35"):    {outcome: vote.OutcomeApproved},
		id("vote", "sindaci-2026-02", "2", "40"): {outcome: vote.OutcomeApproved},
		id("vote", "alto-2026-11", "3", "35"):    {outcome: vote.OutcomeApproved},
	}
	// The approvals of the verbali are checked by TestApprovalsAsSecretariesRecordThem.
	var votes []data.Vote
	for _, v := range ds.Votes {
		if !strings.HasPrefix(v.Subject, "Approvazione del verbale della seduta del ") {
			votes = append(votes, v)
		}
	}
	if len(votes) != len(wants) {
		t.Errorf("demo votes = %d, want %d", len(votes), len(wants))
	}
	for _, v := range votes {
		w, ok := wants[v.ID]
		if !ok {
			t.Errorf("vote %q (%s) has no expected outcome", v.Subject, v.ID)
			continue
		}
		r, err := vote.Tally(vote.CountOf(v, sessionByID(ds, v.SessionID).Call, ballotsOf(ds, v.ID)))
		if err != nil {
			t.Errorf("Tally(%q) = %v", v.Subject, err)
			continue
		}
		if r.Outcome() != w.outcome || len(r.Invalid) != w.invalid {
			t.Errorf("Tally(%q) = %s with %d schede nulle %v, want %s with %d", v.Subject, r.Outcome(), len(r.Invalid),
				r.Invalid, w.outcome, w.invalid)
		}
		if r.Priority == nil {
			continue
		}
		for i, title := range w.ranking {
			// Ranks as the tally gives them: 1, 2, 3, or 1, 1, 3 after a tie for first place.
			rank := i + 1
			if w.outcome == vote.OutcomeTie && i < 2 {
				rank = 1
			}
			if i >= len(r.Ranking) || r.Ranking[i].Label != title || r.Ranking[i].Rank != rank {
				t.Errorf("Tally(%q).Ranking = %+v, want %v first", v.Subject, r.Ranking, w.ranking)
				break
			}
		}
	}

	// Under the double rule the 30% quota had the comuni and not the inhabitants.
	var v data.Vote
	for _, x := range ds.Votes {
		if x.ID == id("vote", "sindaci-2025-02", "4", "20") {
			v = x
		}
	}
	r, err := vote.Tally(vote.CountOf(v, sessionByID(ds, v.SessionID).Call, ballotsOf(ds, v.ID)))
	if err != nil || r.Motion == nil || !r.PassedByHeads || r.PassedByWeight || r.Weighted == nil {
		t.Errorf("Tally(%q) = %+v, %v; want passed by heads, not by population", v.Subject, r.Motion, err)
	}
}
