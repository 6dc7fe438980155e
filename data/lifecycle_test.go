package data_test

import (
	"strings"
	"testing"

	"github.com/tavoli/tavoli/data"
)

// moveTable is the answer to every move between the nine states, written out by hand from the rules
// rather than computed like CheckMove computes it: rows are the state a proposal is in, columns the
// state asked for, both in the order of data.ProposalStates. "ok" is a legal move; "reason" a move
// back, legal only with a reason; "decision" a validation or approval by hand (outside a validation
// vote), and "reject" a rejection, legal only with a reason too; anything else is the key that refuses the move, reason or not.
var moveTable = [][]string{
	//           proposta  in_valutazione prioritaria validata  approvata  in_attuazione realizzata respinta   accorpata
	/* proposta */ {"same", "ok", "skip", "skip", "skip", "skip", "skip", "reject", "merge_only"},
	/* in_valut */ {"reason", "same", "ok", "skip", "skip", "skip", "skip", "reject", "merge_only"},
	/* priorit. */ {"reason", "reason", "same", "decision", "skip", "skip", "skip", "reject", "merge_only"},
	/* validata */ {"reason", "reason", "reason", "same", "decision", "skip", "skip", "reject", "merge_only"},
	/* approv.  */ {"reason", "reason", "reason", "reason", "same", "ok", "skip", "reject_late", "merge_only"},
	/* in_attua */ {"reason", "reason", "reason", "reason", "reason", "same", "ok", "reject_late", "merge_only"},
	/* realizz. */ {"reason", "reason", "reason", "reason", "reason", "reason", "same", "reject_late", "merge_only"},
	/* respinta */ {"reason", "reason", "reason", "reopen_late", "reopen_late", "reopen_late", "reopen_late", "same", "merge_only"},
	/* accorp.  */ {"merged", "merged", "merged", "merged", "merged", "merged", "merged", "merged", "same"},
}

func TestCheckMoveEveryPair(t *testing.T) {
	states := data.ProposalStates
	if len(states) != 9 || len(moveTable) != len(states) {
		t.Fatalf("%d states, a table of %d rows: the table must cover every state", len(states), len(moveTable))
	}
	legal, withReason := 0, 0
	for i, from := range states {
		for j, to := range states {
			want := moveTable[i][j]
			t.Run(string(from)+"→"+string(to), func(t *testing.T) {
				for _, reason := range []string{"", "  \t", "La conferenza dei sindaci l'ha chiesto"} {
					err := data.CheckMove(from, to, reason)
					hasReason := strings.TrimSpace(reason) != ""
					switch {
					case want == "ok", (want == "reason" || want == "decision" || want == "reject") && hasReason:
						if err != nil {
							t.Errorf("CheckMove(%s, %s, %q) = %v, want nil", from, to, reason, err)
						}
					default:
						key := "err.move." + want
						switch want {
						case "reason":
							key = "err.move.reason"
						case "decision":
							key = "err.move.reason_decision"
						case "reject":
							key = "err.move.reason_reject"
						}
						e := data.AsError(err)
						if e == nil || e.Code != data.EInvalid || e.Key != key {
							t.Errorf("CheckMove(%s, %s, %q) = %v, want %s (invalid)", from, to, reason, err, key)
							continue
						}
						if e.Args["from"] != from || e.Args["to"] != to {
							t.Errorf("CheckMove(%s, %s) args %v, want from and to for the sentence", from, to, e.Args)
						}
						if want == "skip" && e.Args["next"] != from.Next() {
							t.Errorf("CheckMove(%s, %s) next = %v, want %s", from, to, e.Args["next"], from.Next())
						}
					}
				}
			})
			switch want {
			case "ok":
				legal++
			case "reason", "decision", "reject":
				withReason++
			}
		}
	}
	// 4 steps forward; 21 steps back along the path, 3 reopenings of a rejection, 2 decisions taken
	// outside a validation vote and 4 rejections, each with a reason.
	if legal != 4 || withReason != 30 {
		t.Errorf("the table has %d legal moves and %d with a reason, want 4 and 30", legal, withReason)
	}
}

func TestCheckMoveUnknownState(t *testing.T) {
	for _, to := range []data.ProposalState{"", "bocciata", "Proposta"} {
		err := data.CheckMove(data.StateProposta, to, "motivo")
		if e := data.AsError(err); e == nil || e.Key != "err.proposal.state" {
			t.Errorf("CheckMove(proposta, %q) = %v, want err.proposal.state", to, err)
		}
	}
}

func TestStatePath(t *testing.T) {
	path := []data.ProposalState{data.StateProposta, data.StateInValutazione, data.StatePrioritaria,
		data.StateValidata, data.StateApprovata, data.StateInAttuazione, data.StateRealizzata}
	for i, s := range path {
		want := data.ProposalState("")
		if i+1 < len(path) {
			want = path[i+1]
		}
		if got := s.Next(); got != want {
			t.Errorf("%s.Next() = %q, want %q", s, got, want)
		}
		if got, want := data.CanMerge(s), i < 3; got != want {
			t.Errorf("CanMerge(%s) = %v, want %v", s, got, want)
		}
	}
	for _, s := range []data.ProposalState{data.StateRespinta, data.StateAccorpata} {
		if s.Next() != "" || data.CanMerge(s) || s.Before(data.StateRealizzata) || data.StateProposta.Before(s) {
			t.Errorf("%s is on the forward path, want it off", s)
		}
	}
}
