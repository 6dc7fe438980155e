package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"time"

	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/vote"
)

func eventCols(e data.ProposalEvent) []column {
	return []column{{"proposal_id", e.ProposalID}, {"at", fmtTime(e.At)}, {"operator", e.Operator},
		{"action", string(e.Action)}, {"from_state", string(e.From)}, {"to_state", string(e.To)},
		{"reason", e.Reason}, {"vote_id", nullable(e.VoteID)}, {"related_id", nullable(e.RelatedID)}}
}

// history writes the events of one change to the proposals: they share the change's moment, a
// microsecond apart so that they read back in the order they happened, and name the operator of this
// installation (or its computer when no operator is set).
type history struct {
	s        *Store
	ctx      context.Context
	tx       *sql.Tx
	at       time.Time
	operator string
}

func (s *Store) history(ctx context.Context, tx *sql.Tx) (*history, error) {
	h := &history{s: s, ctx: ctx, tx: tx, at: s.now().UTC()}
	var name, operator string
	err := tx.QueryRowContext(ctx, `SELECT name, operator FROM devices WHERE id = ?`, s.device).Scan(&name, &operator)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, err
	}
	h.operator = strings.TrimSpace(operator)
	if h.operator == "" {
		h.operator = strings.TrimSpace(name)
	}
	return h, nil
}

func (h *history) add(e data.ProposalEvent) error {
	e.At, e.Operator = h.at, h.operator
	h.at = h.at.Add(time.Microsecond)
	return h.s.save(h.ctx, h.tx, data.KindProposalEvent, &e.Meta, eventCols(e))
}

// loadProposal reads one live proposal.
func loadProposal(ctx context.Context, tx *sql.Tx, id string) (data.ProposalView, error) {
	list, err := queryProposals(ctx, tx, ` WHERE p.id = ? AND p.deleted = 0`, id)
	if err != nil {
		return data.ProposalView{}, err
	}
	if len(list) == 0 {
		return data.ProposalView{}, data.Errorf(data.ENotFound, "err.proposal.missing")
	}
	return list[0], nil
}

// setState moves a proposal and records the step. The proposal's own session lock does not apply: the
// Ufficio di Piano works on what the tables said long after their verbali were approved, and the state
// is not part of any verbale.
func (s *Store) setState(h *history, p *data.Proposal, to data.ProposalState, e data.ProposalEvent) error {
	e.ProposalID, e.From, e.To = p.ID, p.State, to
	if e.Action == "" {
		e.Action = data.ActionMove
	}
	p.State = to
	if err := s.save(h.ctx, h.tx, data.KindProposal, &p.Meta, proposalCols(*p)); err != nil {
		return err
	}
	return h.add(e)
}

// lastPriority is the highest place taken in the priority list.
func lastPriority(ctx context.Context, tx *sql.Tx) (int, error) {
	var n int
	err := tx.QueryRowContext(ctx, `SELECT coalesce(max(priority), 0) FROM proposals
		WHERE deleted = 0 AND priority > 0 AND state <> 'accorpata'`).Scan(&n)
	return n, err
}

// MoveProposal moves a proposal to another state by hand, as data.CheckMove allows: one step forward,
// respinta before approvata, or back with a reason. Reaching prioritaria puts it at the end of the
// priority list; going back before it, or a rejection by hand, takes it out.
func (s *Store) MoveProposal(ctx context.Context, id string, to data.ProposalState, reason string) (data.Proposal, error) {
	reason = strings.TrimSpace(reason)
	var p data.Proposal
	err := s.write(ctx, func(tx *sql.Tx) error {
		v, err := loadProposal(ctx, tx, id)
		if err != nil {
			return err
		}
		p = v.Proposal
		if err := data.CheckMove(p.State, to, reason); err != nil {
			return err
		}
		if p.State == data.StateRespinta {
			// A rejected proposal is reconsidered from where it was rejected, or earlier.
			var before string
			err := tx.QueryRowContext(ctx, `SELECT from_state FROM proposal_events WHERE deleted = 0 AND proposal_id = ?
				AND to_state = ? ORDER BY at DESC, id DESC LIMIT 1`, id, string(data.StateRespinta)).Scan(&before)
			if err != nil && !errors.Is(err, sql.ErrNoRows) {
				return err
			}
			if b := data.ProposalState(before); b.Valid() && b.Before(to) {
				return data.Errorf(data.EInvalid, "err.move.reopen_past", "to", to, "before", b)
			}
		}
		switch {
		case to == data.StatePrioritaria && p.Priority == 0:
			n, err := lastPriority(ctx, tx)
			if err != nil {
				return err
			}
			p.Priority = n + 1
		case to.Before(data.StatePrioritaria), to == data.StateRespinta && p.State.Before(data.StateValidata):
			p.Priority = 0
		}
		h, err := s.history(ctx, tx)
		if err != nil {
			return err
		}
		return s.setState(h, &p, to, data.ProposalEvent{Reason: reason})
	})
	return p, err
}

// SetPriorities makes ids the district's priority list, in that order. Proposals new to the list go
// to prioritaria (through in_valutazione when they were still proposte); those taken out of it go back
// to in_valutazione, which needs a reason. Proposals already validated or approved stay in the list;
// merged and rejected ones cannot enter it.
func (s *Store) SetPriorities(ctx context.Context, ids []string, reason string) error {
	reason = strings.TrimSpace(reason)
	return s.write(ctx, func(tx *sql.Tx) error {
		h, err := s.history(ctx, tx)
		if err != nil {
			return err
		}
		current, err := queryProposals(ctx, tx, ` WHERE p.deleted = 0 AND p.priority > 0 AND p.state <> 'accorpata'`)
		if err != nil {
			return err
		}
		wanted := map[string]bool{}
		for _, id := range ids {
			if wanted[id] {
				return data.Errorf(data.EInvalid, "err.priority.twice")
			}
			wanted[id] = true
		}
		for _, v := range current {
			p := v.Proposal
			if wanted[p.ID] {
				continue
			}
			switch {
			case p.State == data.StatePrioritaria:
				if reason == "" {
					return data.Errorf(data.EInvalid, "err.priority.drop_reason", "title", p.Title)
				}
				p.Priority = 0
				if err := s.setState(h, &p, data.StateInValutazione, data.ProposalEvent{Action: data.ActionPick, Reason: reason}); err != nil {
					return err
				}
			case p.State == data.StateRespinta:
				p.Priority = 0
				if err := s.save(ctx, tx, data.KindProposal, &p.Meta, proposalCols(p)); err != nil {
					return err
				}
			default:
				return data.Errorf(data.EInvalid, "err.priority.validated", "title", p.Title, "state", p.State)
			}
		}
		for i, id := range ids {
			v, err := loadProposal(ctx, tx, id)
			if err != nil {
				return err
			}
			p := v.Proposal
			p.Priority = i + 1
			switch p.State {
			case data.StateProposta:
				if err := s.setState(h, &p, data.StateInValutazione, data.ProposalEvent{Action: data.ActionPick}); err != nil {
					return err
				}
				fallthrough
			case data.StateInValutazione:
				if err := s.setState(h, &p, data.StatePrioritaria, data.ProposalEvent{Action: data.ActionPick}); err != nil {
					return err
				}
			case data.StateRespinta:
				// A proposal rejected by a validation vote stays in the list, where it shows the outcome,
				// until the office takes it out; a rejected one cannot enter it.
				if v.Priority == 0 {
					return data.Errorf(data.EInvalid, "err.priority.state", "title", p.Title, "state", p.State)
				}
				if v.Priority != p.Priority {
					if err := s.save(ctx, tx, data.KindProposal, &p.Meta, proposalCols(p)); err != nil {
						return err
					}
				}
			case data.StateAccorpata:
				return data.Errorf(data.EInvalid, "err.priority.state", "title", p.Title, "state", p.State)
			default:
				if v.Priority == p.Priority {
					continue
				}
				if err := s.save(ctx, tx, data.KindProposal, &p.Meta, proposalCols(p)); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

// MergeProposals merges near-duplicate proposals, from any tables, into a new one: into gives its
// title, text, area and kind (the first original's when empty). The originals become accorpata and
// point to it, keeping their proposers and the votes they received: the consolidation counts their
// shares for the new proposal. The new one starts at the furthest state among them and takes the best
// place any of them had in the priority list. Every original must be before validata.
func (s *Store) MergeProposals(ctx context.Context, ids []string, into data.Proposal, reason string) (data.Proposal, error) {
	reason = strings.TrimSpace(reason)
	err := s.write(ctx, func(tx *sql.Tx) error {
		seen := map[string]bool{}
		var originals []data.Proposal
		for _, id := range ids {
			if seen[id] {
				continue
			}
			seen[id] = true
			v, err := loadProposal(ctx, tx, id)
			if err != nil {
				return err
			}
			if !data.CanMerge(v.State) {
				return data.Errorf(data.EInvalid, "err.merge.state", "title", v.Title, "state", v.State)
			}
			if err := notInOpenVote(ctx, tx, v.Proposal); err != nil {
				return err
			}
			originals = append(originals, v.Proposal)
		}
		if len(originals) < 2 {
			return data.Errorf(data.EInvalid, "err.merge.two")
		}
		first := originals[0]
		into.Meta = data.Meta{}
		into.SessionID, into.AgendaItemID, into.MergedIntoID, into.SplitFromID = "", "", "", ""
		into.Title, into.Text, into.TargetGroup = strings.TrimSpace(into.Title), strings.TrimSpace(into.Text), strings.TrimSpace(into.TargetGroup)
		if into.Title == "" {
			into.Title = first.Title
		}
		if into.AreaID == "" {
			into.AreaID = first.AreaID
		}
		if into.Kind == "" {
			into.Kind = first.Kind
		}
		for _, o := range originals {
			if into.TargetGroup == "" {
				into.TargetGroup = o.TargetGroup
			}
			if into.Cost == "" {
				into.Cost = o.Cost
			}
			if into.Duration == "" {
				into.Duration = o.Duration
			}
		}
		if into.ComuneIDs == nil {
			for _, o := range originals {
				for _, c := range o.ComuneIDs {
					if !slices.Contains(into.ComuneIDs, c) {
						into.ComuneIDs = append(into.ComuneIDs, c)
					}
				}
			}
		}
		into.State, into.Priority = data.StateProposta, 0
		for _, o := range originals {
			if into.State.Before(o.State) {
				into.State = o.State
			}
			if o.Priority > 0 && (into.Priority == 0 || o.Priority < into.Priority) {
				into.Priority = o.Priority
			}
		}
		if into.State == data.StatePrioritaria && into.Priority == 0 {
			n, err := lastPriority(ctx, tx)
			if err != nil {
				return err
			}
			into.Priority = n + 1
		}
		if into.State != data.StatePrioritaria {
			into.Priority = 0
		}
		if err := into.Validate(); err != nil {
			return err
		}
		if err := proposalRefs(ctx, tx, into); err != nil {
			return err
		}
		h, err := s.history(ctx, tx)
		if err != nil {
			return err
		}
		if err := s.save(ctx, tx, data.KindProposal, &into.Meta, proposalCols(into)); err != nil {
			return err
		}
		if err := h.add(data.ProposalEvent{ProposalID: into.ID, Action: data.ActionMerge, To: into.State, Reason: reason}); err != nil {
			return err
		}
		for i := range originals {
			o := &originals[i]
			o.MergedIntoID = into.ID
			if err := s.setState(h, o, data.StateAccorpata, data.ProposalEvent{Action: data.ActionMerge, Reason: reason,
				RelatedID: into.ID}); err != nil {
				return err
			}
		}
		return nil
	})
	return into, err
}

// UndoMerge undoes a merge: the merged proposal is deleted (unless a table made it: then it stays, without
// the others) and its originals go back to the states they had, with their places in the priority list. It is refused once the merged proposal was
// validated, voted on itself, or split.
func (s *Store) UndoMerge(ctx context.Context, mergedID, reason string) error {
	reason = strings.TrimSpace(reason)
	return s.write(ctx, func(tx *sql.Tx) error {
		merged, err := loadProposal(ctx, tx, mergedID)
		if err != nil {
			return err
		}
		if !data.CanMerge(merged.State) && merged.State != data.StateRespinta {
			return data.Errorf(data.EInvalid, "err.unmerge.state", "title", merged.Title, "state", merged.State)
		}
		originals, err := queryProposals(ctx, tx, ` WHERE p.deleted = 0 AND p.merged_into_id = ? ORDER BY p.created, p.id`, mergedID)
		if err != nil {
			return err
		}
		if len(originals) == 0 {
			return data.Errorf(data.EInvalid, "err.unmerge.none", "title", merged.Title)
		}
		var parts int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM proposals WHERE deleted = 0 AND split_from_id = ?`, mergedID).Scan(&parts); err != nil {
			return err
		}
		if parts > 0 {
			return data.Errorf(data.EInvalid, "err.unmerge.parts", "title", merged.Title)
		}
		votes, err := votesNaming(ctx, tx, mergedID)
		if err != nil {
			return err
		}
		if len(votes) > 0 {
			return data.Errorf(data.EInvalid, "err.unmerge.voted", "title", merged.Title, "subject", votes[0].Subject)
		}
		if err := freePlaces(ctx, tx, mergedID, originals); err != nil {
			return err
		}
		h, err := s.history(ctx, tx)
		if err != nil {
			return err
		}
		for _, v := range originals {
			o := v.Proposal
			back := data.StateInValutazione
			var from string
			err := tx.QueryRowContext(ctx, `SELECT from_state FROM proposal_events WHERE deleted = 0 AND proposal_id = ?
				AND related_id = ? AND action = ? ORDER BY at DESC, id DESC LIMIT 1`, o.ID, mergedID, string(data.ActionMerge)).Scan(&from)
			if err != nil && !errors.Is(err, sql.ErrNoRows) {
				return err
			}
			if st := data.ProposalState(from); data.CanMerge(st) {
				back = st
			}
			o.MergedIntoID = ""
			if err := s.setState(h, &o, back, data.ProposalEvent{Action: data.ActionUnmerge, Reason: reason, RelatedID: mergedID}); err != nil {
				return err
			}
		}
		if err := h.add(data.ProposalEvent{ProposalID: mergedID, Action: data.ActionUnmerge, From: merged.State,
			Reason: reason}); err != nil {
			return err
		}
		if merged.SessionID != "" || merged.SplitFromID != "" {
			// The others were merged into a proposal a table made (or a part of one), not into one the
			// merge created: it stays, without them.
			return nil
		}
		return s.setDeleted(ctx, tx, data.Ref{Kind: data.KindProposal, ID: mergedID}, true)
	})
}

// freePlaces lets the originals of a merge being undone come back to their places in the priority
// list, except a place another standing proposal took while they were merged (the list was reordered
// meanwhile): those originals go to the end of the list, in their order, so that no place is held
// twice.
func freePlaces(ctx context.Context, tx *sql.Tx, mergedID string, originals []data.ProposalView) error {
	rows, err := tx.QueryContext(ctx, `SELECT priority FROM proposals WHERE deleted = 0 AND priority > 0
		AND state <> 'accorpata' AND id <> ?`, mergedID)
	if err != nil {
		return err
	}
	taken, last := map[int]bool{}, 0
	for rows.Next() {
		var n int
		if err := rows.Scan(&n); err != nil {
			rows.Close()
			return err
		}
		taken[n], last = true, max(last, n)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	var moved []*data.ProposalView
	for i := range originals {
		switch p := &originals[i]; {
		case p.Priority == 0:
		case taken[p.Priority]:
			moved = append(moved, p)
		default:
			taken[p.Priority], last = true, max(last, p.Priority)
		}
	}
	for _, p := range moved {
		last++
		p.Priority = last
	}
	return nil
}

// SplitProposal splits parts off a proposal that bundled several ideas. Each part is a new proposal
// that keeps the lineage (SplitFromID) with the origin's proposer and state (and, through it, its
// table); the origin stays as
// it was said, and the votes it received count for its parts too. Only proposals before validata are
// split.
func (s *Store) SplitProposal(ctx context.Context, id string, parts []data.Proposal, reason string) ([]data.Proposal, error) {
	reason = strings.TrimSpace(reason)
	var out []data.Proposal
	err := s.write(ctx, func(tx *sql.Tx) error {
		out = nil
		origin, err := loadProposal(ctx, tx, id)
		if err != nil {
			return err
		}
		if !data.CanMerge(origin.State) {
			return data.Errorf(data.EInvalid, "err.split.state", "title", origin.Title, "state", origin.State)
		}
		if err := notInOpenVote(ctx, tx, origin.Proposal); err != nil {
			return err
		}
		if len(parts) == 0 {
			return data.Errorf(data.EInvalid, "err.split.none")
		}
		h, err := s.history(ctx, tx)
		if err != nil {
			return err
		}
		for _, p := range parts {
			p.Meta = data.Meta{}
			p.Title, p.Text, p.TargetGroup = strings.TrimSpace(p.Title), strings.TrimSpace(p.Text), strings.TrimSpace(p.TargetGroup)
			// A part belongs to no session: it was written by the office, and the session's lock (its
			// approved verbale) must not stop the office from taking the part back. Its table and date
			// are the origin's, through the lineage.
			p.SessionID, p.AgendaItemID, p.SplitFromID, p.MergedIntoID = "", "", origin.ID, ""
			p.ProposerID, p.OrganisationID, p.State, p.Priority = origin.ProposerID, origin.OrganisationID, origin.State, 0
			if p.AreaID == "" {
				p.AreaID = origin.AreaID
			}
			if p.Kind == "" {
				p.Kind = origin.Kind
			}
			if p.ComuneIDs == nil {
				p.ComuneIDs = origin.ComuneIDs
			}
			if p.Cost == "" && p.Duration == "" {
				p.Cost, p.Duration = origin.Cost, origin.Duration
			}
			if p.State == data.StatePrioritaria {
				n, err := lastPriority(ctx, tx)
				if err != nil {
					return err
				}
				p.Priority = n + 1
			}
			if err := p.Validate(); err != nil {
				return err
			}
			// The proposer and organisation are the origin's, as they stand (even if since deleted).
			if err := liveRef(ctx, tx, data.KindArea, p.AreaID); err != nil {
				return err
			}
			if err := s.save(ctx, tx, data.KindProposal, &p.Meta, proposalCols(p)); err != nil {
				return err
			}
			if err := h.add(data.ProposalEvent{ProposalID: p.ID, Action: data.ActionSplit, To: p.State, Reason: reason,
				RelatedID: origin.ID}); err != nil {
				return err
			}
			if err := h.add(data.ProposalEvent{ProposalID: origin.ID, Action: data.ActionSplit, From: origin.State,
				To: origin.State, Reason: reason, RelatedID: p.ID}); err != nil {
				return err
			}
			out = append(out, p)
		}
		return nil
	})
	return out, err
}

// notInOpenVote refuses to restructure a proposal while a vote still open has it among its options or
// covers it: the vote would end up deciding on a proposal that no longer stands.
func notInOpenVote(ctx context.Context, tx *sql.Tx, p data.Proposal) error {
	votes, err := votesNaming(ctx, tx, p.ID)
	if err != nil {
		return err
	}
	for _, v := range votes {
		if v.Status == data.VoteAperta {
			return data.Errorf(data.EConflict, "err.proposal.open_vote", "title", p.Title, "subject", v.Subject)
		}
	}
	return nil
}

// votesNaming lists the live votes that have the proposal among their options or cover it.
func votesNaming(ctx context.Context, tx *sql.Tx, id string) ([]data.Vote, error) {
	rows, err := tx.QueryContext(ctx, voteSelect+` WHERE deleted = 0 AND (
		EXISTS (SELECT 1 FROM json_each(votes.options) WHERE json_extract(value, '$.id') = ?)
		OR EXISTS (SELECT 1 FROM json_each(votes.covers) WHERE value = ?)) ORDER BY opened, id`, id, id)
	if err != nil {
		return nil, err
	}
	return scanVotes(rows)
}

// checkCovers refuses a validation vote that cannot decide on what it covers: only the Tavolo Alto (on
// proposals prioritarie) and the Tavolo dei Sindaci (on proposals validate) hold them.
func checkCovers(ctx context.Context, tx *sql.Tx, v data.Vote, sess data.Session) error {
	if len(v.Covers) == 0 {
		return nil
	}
	kind, err := bodyKind(ctx, tx, sess.BodyID)
	if err != nil {
		return err
	}
	from, _ := data.ValidationMove(kind)
	if from == "" {
		return data.Errorf(data.EInvalid, "err.vote.covers_body")
	}
	seen := map[string]bool{}
	for _, id := range v.Covers {
		if seen[id] {
			return data.Errorf(data.EInvalid, "err.priority.twice")
		}
		seen[id] = true
		p, err := loadProposal(ctx, tx, id)
		if err != nil {
			return err
		}
		if p.State != from {
			return data.Errorf(data.EInvalid, "err.vote.covers_state", "title", p.Title, "state", p.State,
				"want", from)
		}
	}
	return nil
}

// applyValidation moves the proposals a closed validation vote covers: approved, they go on (validata
// by the Tavolo Alto, approvata by the Tavolo dei Sindaci); rejected or tied, they are respinte;
// without quorum or ballots nothing was decided and they stay. A proposal that moved meanwhile is left
// where it is.
func (s *Store) applyValidation(ctx context.Context, tx *sql.Tx, v data.Vote) error {
	if len(v.Covers) == 0 {
		return nil
	}
	sess, err := loadSession(ctx, tx, v.SessionID)
	if err != nil {
		return err
	}
	kind, err := bodyKind(ctx, tx, sess.BodyID)
	if err != nil {
		return err
	}
	from, to := data.ValidationMove(kind)
	bs, _, err := ballots(ctx, tx, v.ID)
	if err != nil {
		return err
	}
	r, err := vote.Tally(vote.CountOf(v, sess.Call, bs))
	if err != nil {
		return err
	}
	approved, decided := r.Outcome().Decision()
	if !decided {
		return nil
	}
	if !approved {
		to = data.StateRespinta
	}
	h, err := s.history(ctx, tx)
	if err != nil {
		return err
	}
	for _, id := range v.Covers {
		p, err := loadProposal(ctx, tx, id)
		if data.ErrorCode(err) == data.ENotFound || (err == nil && p.State != from) {
			continue
		}
		if err != nil {
			return err
		}
		if err := s.setState(h, &p.Proposal, to, data.ProposalEvent{Action: data.ActionVote, VoteID: v.ID}); err != nil {
			return err
		}
	}
	return nil
}

// coversJSON stores a vote's covered proposals.
func coversJSON(ids []string) string {
	b, _ := json.Marshal(orEmpty(ids)) // a []string always marshals
	return string(b)
}

// ValidationCandidates lists the proposals a session's body can validate, in the priority list's
// order: the prioritarie for the Tavolo Alto, the validate for the Tavolo dei Sindaci; nothing for
// other bodies.
func (s *Store) ValidationCandidates(ctx context.Context, sessionID string) ([]data.ProposalView, error) {
	var out []data.ProposalView
	err := s.read(ctx, func(tx *sql.Tx) error {
		sess, err := loadSession(ctx, tx, sessionID)
		if err != nil {
			return err
		}
		kind, err := bodyKind(ctx, tx, sess.BodyID)
		if err != nil {
			return err
		}
		from, _ := data.ValidationMove(kind)
		if from == "" {
			return nil
		}
		out, err = proposals(ctx, tx, data.ProposalFilter{State: from, Sort: data.SortPriority})
		return err
	})
	return out, err
}

// bodyKind is the kind of a body: whether its votes may validate the priority list.
func bodyKind(ctx context.Context, tx *sql.Tx, bodyID string) (data.BodyKind, error) {
	var kind data.BodyKind
	err := tx.QueryRowContext(ctx, `SELECT kind FROM bodies WHERE id = ?`, bodyID).Scan(&kind)
	return kind, err
}
