package sqlite

import (
	"context"
	"database/sql"
	"slices"
	"sort"
	"strings"
	"unicode"

	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/consolidate"
	"github.com/tavoli/tavoli/data/vote"
)

// ftsQuery turns what the user typed into an FTS5 query: every word quoted (so that nothing typed is
// taken as FTS syntax) and matched as a prefix, all of them required. Empty when nothing is searchable.
func ftsQuery(q string) string {
	var parts []string
	for _, w := range strings.Fields(q) {
		w = strings.Trim(w, `"*`)
		if !strings.ContainsFunc(w, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) {
			continue // "-", "€": nothing the index holds, so nothing to narrow by
		}
		parts = append(parts, `"`+strings.ReplaceAll(w, `"`, `""`)+`"*`)
	}
	return strings.Join(parts, " AND ")
}

// Proposals lists the proposals of every table and session, filtered and sorted as f asks. The text
// search ignores case and accents and matches the beginnings of words, as the user types.
func (s *Store) Proposals(ctx context.Context, f data.ProposalFilter) ([]data.ProposalView, error) {
	var out []data.ProposalView
	err := s.read(ctx, func(tx *sql.Tx) error {
		var err error
		out, err = proposals(ctx, tx, f)
		return err
	})
	return out, err
}

func proposals(ctx context.Context, tx *sql.Tx, f data.ProposalFilter) ([]data.ProposalView, error) {
	where := []string{"p.deleted = 0"}
	var args []any
	add := func(cond string, v any) {
		where = append(where, cond)
		args = append(args, v)
	}
	if f.AreaID != "" {
		add("p.area_id = ?", f.AreaID)
	}
	if f.Kind != "" {
		add("p.kind = ?", string(f.Kind))
	}
	if f.State != "" {
		add("p.state = ?", string(f.State))
	}
	if f.BodyID != "" {
		add("s.body_id = ?", f.BodyID)
	}
	if f.SessionID != "" {
		add("p.session_id = ?", f.SessionID)
	}
	if f.ComuneID != "" {
		add("EXISTS (SELECT 1 FROM json_each(p.comune_ids) WHERE value = ?)", f.ComuneID)
	}
	if f.Cost != "" {
		add("p.cost = ?", string(f.Cost))
	}
	if q := ftsQuery(f.Query); q != "" {
		add("p.rowid IN (SELECT rowid FROM proposals_fts WHERE proposals_fts MATCH ?)", q)
	}
	list, err := queryProposals(ctx, tx, ` WHERE `+strings.Join(where, " AND ")+
		` ORDER BY coalesce(s.date, p.created) DESC, p.created DESC, p.id`, args...)
	if err != nil {
		return nil, err
	}
	sortProposals(ctx, tx, list, f.Sort)
	return list, nil
}

// sortProposals orders a list as the user asked; the list comes newest first, which the stable sorts
// keep among equals.
func sortProposals(ctx context.Context, tx *sql.Tx, list []data.ProposalView, by data.ProposalSort) {
	c := data.Collator()
	title := func(a, b data.ProposalView) int { return c.CompareString(a.Title, b.Title) }
	step := map[data.ProposalState]int{}
	for i, st := range data.ProposalStates {
		step[st] = i
	}
	areaPos := map[string]int{}
	if by == data.SortArea {
		if as, err := areas(ctx, tx); err == nil {
			for i, a := range as {
				areaPos[a.ID] = i
			}
		}
	}
	var less func(a, b data.ProposalView) bool
	switch by {
	case data.SortTitle:
		less = func(a, b data.ProposalView) bool { return title(a, b) < 0 }
	case data.SortArea:
		less = func(a, b data.ProposalView) bool {
			if areaPos[a.AreaID] != areaPos[b.AreaID] {
				return areaPos[a.AreaID] < areaPos[b.AreaID]
			}
			return title(a, b) < 0
		}
	case data.SortState:
		less = func(a, b data.ProposalView) bool { return step[a.State] < step[b.State] }
	case data.SortPriority:
		less = func(a, b data.ProposalView) bool {
			pa, pb := a.Priority > 0 && a.State != data.StateAccorpata, b.Priority > 0 && b.State != data.StateAccorpata
			if pa != pb {
				return pa
			}
			return pa && a.Priority < b.Priority
		}
	default:
		return
	}
	sort.SliceStable(list, func(i, j int) bool { return less(list[i], list[j]) })
}

// ProposalDetail gathers one proposal with its origin, what was merged into it or split off it, the
// votes it took part in (with its share of each) and its history.
func (s *Store) ProposalDetail(ctx context.Context, id string) (data.ProposalDetail, error) {
	var d data.ProposalDetail
	err := s.read(ctx, func(tx *sql.Tx) error {
		v, err := loadProposal(ctx, tx, id)
		if err != nil {
			return err
		}
		d = data.ProposalDetail{ProposalView: v}
		if d.Originals, err = queryProposals(ctx, tx, ` WHERE p.deleted = 0 AND p.merged_into_id = ? ORDER BY p.created, p.id`, id); err != nil {
			return err
		}
		if d.Parts, err = queryProposals(ctx, tx, ` WHERE p.deleted = 0 AND p.split_from_id = ? ORDER BY p.created, p.id`, id); err != nil {
			return err
		}
		if v.SplitFromID != "" {
			origin, err := queryProposals(ctx, tx, ` WHERE p.id = ?`, v.SplitFromID)
			if err != nil {
				return err
			}
			if len(origin) == 1 {
				d.Origin = &origin[0]
			}
		}
		if d.History, err = events(ctx, tx, id); err != nil {
			return err
		}
		d.Votes, err = proposalVotes(ctx, tx, id)
		return err
	})
	return d, err
}

// events reads a proposal's history, oldest first.
func events(ctx context.Context, tx *sql.Tx, proposalID string) ([]data.ProposalEvent, error) {
	rows, err := tx.QueryContext(ctx, `SELECT `+metaCols("e")+`, e.proposal_id, e.at, e.operator, e.action,
		e.from_state, e.to_state, e.reason, coalesce(e.vote_id, ''), coalesce(e.related_id, '')
		FROM proposal_events e WHERE e.proposal_id = ? AND e.deleted = 0 ORDER BY e.at, e.id`, proposalID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []data.ProposalEvent
	for rows.Next() {
		var e data.ProposalEvent
		var at string
		m := metaScan{m: &e.Meta}
		if err := rows.Scan(append(m.dest(), &e.ProposalID, &at, &e.Operator, &e.Action, &e.From, &e.To, &e.Reason,
			&e.VoteID, &e.RelatedID)...); err != nil {
			return nil, err
		}
		err := m.finish()
		if err == nil {
			e.At, err = parseTime(at)
		}
		if err != nil {
			return nil, data.Errorf(data.ECorrupt, "err.db.corrupt").Wrap(err)
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// lineage knows, for every proposal, what it was merged into and what was split off it, so that an
// option's share reaches the proposals that carry it on.
type lineage struct {
	live   map[string]bool
	merged map[string]string
	parts  map[string][]string
}

func loadLineage(ctx context.Context, tx *sql.Tx) (*lineage, error) {
	l := &lineage{live: map[string]bool{}, merged: map[string]string{}, parts: map[string][]string{}}
	rows, err := tx.QueryContext(ctx, `SELECT id, deleted, state, coalesce(merged_into_id, ''), coalesce(split_from_id, '')
		FROM proposals ORDER BY created, id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id, merged, split string
		var deleted bool
		var state data.ProposalState
		if err := rows.Scan(&id, &deleted, &state, &merged, &split); err != nil {
			return nil, err
		}
		if deleted {
			continue
		}
		if state == data.StateAccorpata && merged != "" {
			l.merged[id] = merged
		} else {
			l.live[id] = true
		}
		if split != "" {
			l.parts[split] = append(l.parts[split], id)
		}
	}
	return l, rows.Err()
}

// heirs are the standing proposals an option's share goes to: itself while it stands, else the
// proposal it was merged into (and so on), plus the parts split off it.
func (l *lineage) heirs(id string) []string {
	var out []string
	seen := map[string]bool{}
	var walk func(string)
	walk = func(x string) {
		if seen[x] {
			return
		}
		seen[x] = true
		if l.live[x] {
			out = append(out, x)
		} else if m, ok := l.merged[x]; ok {
			walk(m)
		}
		for _, p := range l.parts[x] {
			walk(p)
		}
	}
	walk(id)
	return out
}

// heldVote is a closed vote with what the documents say of it.
type heldVote struct {
	vote    data.Vote
	session data.Session
	body    string
	kind    data.BodyKind
	result  vote.Result
}

// closedVotes tallies every closed vote of the live sessions, oldest first.
func closedVotes(ctx context.Context, tx *sql.Tx) ([]heldVote, error) {
	rows, err := tx.QueryContext(ctx, voteSelect+` WHERE deleted = 0 AND status = ? AND session_id IN
		(SELECT id FROM sessions WHERE deleted = 0) ORDER BY opened, id`, string(data.VoteChiusa))
	if err != nil {
		return nil, err
	}
	vs, err := scanVotes(rows)
	if err != nil {
		return nil, err
	}
	bodies, err := bodies(ctx, tx)
	if err != nil {
		return nil, err
	}
	byID := map[string]data.Body{}
	for _, b := range bodies {
		byID[b.ID] = b
	}
	var out []heldVote
	for _, v := range vs {
		sess, err := loadSession(ctx, tx, v.SessionID)
		if err != nil {
			return nil, err
		}
		bs, _, err := ballots(ctx, tx, v.ID)
		if err != nil {
			return nil, err
		}
		r, err := vote.Tally(vote.CountOf(v, sess.Call, bs))
		if err != nil {
			return nil, data.Errorf(data.ECorrupt, "err.vote.stored", "subject", v.Subject).Wrap(err)
		}
		b := byID[sess.BodyID]
		out = append(out, heldVote{vote: v, session: sess, body: b.Name, kind: b.Kind, result: r})
	}
	return out, nil
}

// priorityVotes are the closed votes on options, as the consolidation reads them. tablesOnly keeps the
// votes of the Tavoli tematici: the consolidation ranks what the tables said, not the office's own
// scoring or the bodies that validate it, nor a vote taken without the numero legale.
func priorityVotes(held []heldVote, tablesOnly bool) []consolidate.Vote {
	var out []consolidate.Vote
	for _, h := range held {
		if h.vote.Method == data.MethodMotion || h.result.Priority == nil ||
			(tablesOnly && (h.kind != data.BodyTavoloTematico || !h.vote.QuorumHolds)) {
			continue
		}
		out = append(out, h.consolidated())
	}
	return out
}

// consolidated is the vote as the consolidation reads it.
func (h heldVote) consolidated() consolidate.Vote {
	v := consolidate.Vote{ID: h.vote.ID, BodyID: h.session.BodyID, BodyName: h.body, Method: h.vote.Method,
		ScaleMin: h.vote.Settings.ScaleMin, ScaleMax: h.vote.Settings.ScaleMax, Valid: h.result.Valid}
	if h.result.Priority != nil {
		v.Ranking = h.result.Ranking
		v.TieBreak = h.result.TieBreak
	}
	return v
}

// proposalVotes lists the votes a proposal took part in: priority votes on it, on what was merged
// into it or on the proposal it was split from, with its share; and validation votes covering it.
func proposalVotes(ctx context.Context, tx *sql.Tx, id string) ([]data.ProposalVote, error) {
	held, err := closedVotes(ctx, tx)
	if err != nil {
		return nil, err
	}
	l, err := loadLineage(ctx, tx)
	if err != nil {
		return nil, err
	}
	var out []data.ProposalVote
	for _, h := range held {
		pv := data.ProposalVote{VoteID: h.vote.ID, SessionID: h.session.ID, BodyName: h.body, Date: h.session.Date,
			Subject: h.vote.Subject, Method: h.vote.Method, Outcome: string(h.result.Outcome())}
		if slices.Contains(h.vote.Covers, id) {
			pv.Validation = true
			out = append(out, pv)
			continue
		}
		if h.vote.Method == data.MethodMotion {
			continue
		}
		shares := consolidate.Shares(h.consolidated())
		found := false
		for _, o := range h.vote.Options {
			if !slices.Contains(l.heirs(o.ID), id) && o.ID != id {
				continue
			}
			found = true
			pv.Share += shares[o.ID]
			if o.ID != id && pv.Via == "" {
				pv.Via = o.ID
			}
		}
		if found {
			out = append(out, pv)
		}
	}
	return out, nil
}

// Ranking consolidates the priority votes of the Tavoli tematici: the standing proposals of an area (every
// area when areaID is empty) with their scores, best first, under the Ambito's weighing.
func (s *Store) Ranking(ctx context.Context, areaID string) ([]data.Ranked, error) {
	var out []data.Ranked
	err := s.read(ctx, func(tx *sql.Tx) error {
		a, err := ambito(ctx, tx)
		if err != nil {
			return err
		}
		out, err = ranking(ctx, tx, areaID, weighing(a.Weighing))
		return err
	})
	return out, err
}

func ranking(ctx context.Context, tx *sql.Tx, areaID string, w data.Weighing) ([]data.Ranked, error) {
	held, err := closedVotes(ctx, tx)
	if err != nil {
		return nil, err
	}
	l, err := loadLineage(ctx, tx)
	if err != nil {
		return nil, err
	}
	scores := consolidate.Consolidate(priorityVotes(held, true), l.heirs, w)
	byVote := map[string]heldVote{}
	for _, h := range held {
		byVote[h.vote.ID] = h
	}
	views, err := proposals(ctx, tx, data.ProposalFilter{AreaID: areaID})
	if err != nil {
		return nil, err
	}
	byID := map[string]data.ProposalView{}
	for _, v := range views {
		byID[v.ID] = v
	}
	var out []data.Ranked
	for _, sc := range scores {
		v, ok := byID[sc.ProposalID]
		if !ok {
			continue
		}
		r := data.Ranked{ProposalView: v, Score: sc.Score, Votes: len(sc.Shares), Tables: sc.Bodies,
			Counted: counted(held, sc.ProposalID, sc.Shares, sc.Parts, l.heirs)}
		if len(sc.All) > len(sc.Parts) {
			r.Whole = sc.Whole
			r.SetAside = counted(held, sc.ProposalID, sc.WholeShares, sc.All, l.heirs)
			for _, part := range sc.All {
				if !slices.Contains(sc.Parts, part) {
					r.Left = append(r.Left, optionLabel(held, part))
				}
			}
		}
		out = append(out, r)
	}
	rerank(out)
	return out, nil
}

// counted explains a score: for each vote with a share, in the order held, where and how it was
// held and what the options of group that reach proposal id got in it.
func counted(held []heldVote, id string, shares map[string]float64, group []string, heirs func(string) []string) []data.Counted {
	var out []data.Counted
	for _, h := range held {
		share, ok := shares[h.vote.ID]
		if !ok || h.result.Priority == nil {
			continue
		}
		cv := h.consolidated()
		ranks := consolidate.Ranks(cv)
		c := data.Counted{VoteID: h.vote.ID, BodyName: h.body, Date: h.session.Date, Method: h.vote.Method,
			Valid: h.result.Valid, Share: share, Options: len(cv.Ranking), ScaleMin: cv.ScaleMin, ScaleMax: cv.ScaleMax}
		for _, r := range cv.Ranking {
			c.Total += r.Score
			if !slices.Contains(group, r.Option) || !slices.Contains(heirs(r.Option), id) {
				continue
			}
			c.Score += r.Score
			if c.Rank == 0 || ranks[r.Option] < c.Rank {
				c.Rank = ranks[r.Option]
			}
			if r.Option != id {
				c.Via = append(c.Via, r.Label)
			}
		}
		for _, r := range cv.Ranking {
			if ranks[r.Option] == c.Rank && (!slices.Contains(group, r.Option) || !slices.Contains(heirs(r.Option), id)) {
				c.Tied = true
			}
		}
		out = append(out, c)
	}
	return out
}

// optionLabel is the title an option had when it was last voted on.
func optionLabel(held []heldVote, option string) string {
	label := option
	for _, h := range held {
		for _, o := range h.vote.Options {
			if o.ID == option && o.Label != "" {
				label = o.Label
			}
		}
	}
	return label
}

// rerank numbers a list ordered best first, equal scores sharing a rank (1, 1, 3).
func rerank(list []data.Ranked) {
	for i := range list {
		list[i].Rank = i + 1
		if i > 0 && consolidate.Same(list[i].Score, list[i-1].Score) {
			list[i].Rank = list[i-1].Rank
		}
	}
}

// SetWeighing chooses how the consolidation weighs the tables' votes.
func (s *Store) SetWeighing(ctx context.Context, w data.Weighing) error {
	if !w.Valid() {
		return data.Errorf(data.EInvalid, "err.ambito.weighing", "value", string(w))
	}
	return s.write(ctx, func(tx *sql.Tx) error {
		a, err := ambito(ctx, tx)
		if err != nil {
			return err
		}
		a.Weighing = w
		return s.save(ctx, tx, data.KindAmbito, &a.Meta, ambitoCols(a))
	})
}
