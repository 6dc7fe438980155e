package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"sort"
	"time"

	"github.com/tavoli/tavoli/data"
)

// heldSessions selects the meetings that took place: started, closed or approved.
const heldSessions = `SELECT id, body_id FROM sessions WHERE deleted = 0 AND status IN ('in_corso', 'chiusa', 'approvata')`

// heldIn selects the meetings that took place in [from, to); a zero bound does not limit. The bounds are
// stored times (fixed-width UTC text), which compare as the times do.
func heldIn(from, to time.Time) string {
	q := heldSessions
	if !from.IsZero() {
		q += ` AND date >= '` + fmtTime(from) + `'`
	}
	if !to.IsZero() {
		q += ` AND date < '` + fmtTime(to) + `'`
	}
	return q
}

// Participation counts what the process involved, from the records: meetings held per body, the
// distinct people present (whoever signed the register present, for their own seat, a delegated one or
// none), by category and comune, and the standing proposals by area and kind.
func (s *Store) Participation(ctx context.Context) (data.Participation, error) {
	var p data.Participation
	err := s.read(ctx, func(tx *sql.Tx) error {
		var err error
		p, err = participation(ctx, tx, time.Time{}, time.Time{})
		return err
	})
	return p, err
}

func participation(ctx context.Context, tx *sql.Tx, from, to time.Time) (data.Participation, error) {
	held := heldIn(from, to)
	var p data.Participation
	bodies, err := bodies(ctx, tx)
	if err != nil {
		return p, err
	}
	as, err := areas(ctx, tx)
	if err != nil {
		return p, err
	}
	areaName := map[string]string{}
	for _, a := range as {
		areaName[a.ID] = a.Name
	}
	figures := map[string]*data.BodyFigures{}
	for _, b := range bodies {
		p.Bodies = append(p.Bodies, data.BodyFigures{BodyID: b.ID, Name: b.Name, Kind: b.Kind, AreaID: b.AreaID,
			AreaName: areaName[b.AreaID]})
	}
	for i := range p.Bodies {
		figures[p.Bodies[i].BodyID] = &p.Bodies[i]
	}
	rows, err := tx.QueryContext(ctx, `SELECT h.body_id, count(*) FROM (`+held+`) h GROUP BY h.body_id`)
	if err != nil {
		return p, err
	}
	if err := scanCounts(rows, func(key string, n int) {
		if f := figures[key]; f != nil {
			f.Meetings = n
		}
		p.Meetings += n
	}); err != nil {
		return p, err
	}
	// A person joined with another (created twice, on two laptops) counts once: an approved register
	// still names the alias, which leads to the record that stands.
	present := `SELECT DISTINCT h.body_id, a.session_id, COALESCE(NULLIF(pa.alias_of, ''), a.person_id) AS person_id
		FROM attendance a JOIN (` + held + `) h ON h.id = a.session_id
		LEFT JOIN people pa ON pa.id = a.person_id
		WHERE a.deleted = 0 AND a.presence = 'presente'`
	rows, err = tx.QueryContext(ctx, `SELECT body_id, count(*), count(DISTINCT person_id) FROM (`+present+`) GROUP BY body_id`)
	if err != nil {
		return p, err
	}
	for rows.Next() {
		var id string
		var presences, people int
		if err := rows.Scan(&id, &presences, &people); err != nil {
			rows.Close()
			return p, err
		}
		if f := figures[id]; f != nil {
			f.Presences, f.People = presences, people
		}
		p.Presences += presences
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return p, err
	}
	people := `SELECT DISTINCT person_id FROM (` + present + `)`
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM (`+people+`)`).Scan(&p.People); err != nil {
		return p, err
	}
	rows, err = tx.QueryContext(ctx, `SELECT pe.category, count(*) FROM people pe WHERE pe.id IN (`+people+`)
		GROUP BY pe.category`)
	if err != nil {
		return p, err
	}
	if err := scanCounts(rows, func(key string, n int) {
		p.Categories = append(p.Categories, data.CountOf{Key: key, N: n})
	}); err != nil {
		return p, err
	}
	rows, err = tx.QueryContext(ctx, `SELECT coalesce(c.id, ''), count(*) FROM people pe
		LEFT JOIN comuni c ON c.id = pe.comune_id AND c.deleted = 0
		WHERE pe.id IN (`+people+`) GROUP BY coalesce(c.id, '')`)
	if err != nil {
		return p, err
	}
	if err := scanCounts(rows, func(key string, n int) { p.Comuni = append(p.Comuni, data.CountOf{Key: key, N: n}) }); err != nil {
		return p, err
	}
	names, err := comuneNames(ctx, tx)
	if err != nil {
		return p, err
	}
	for i := range p.Comuni {
		p.Comuni[i].Label = names[p.Comuni[i].Key]
	}
	byCount := func(list []data.CountOf) {
		sort.SliceStable(list, func(i, j int) bool {
			if list[i].N != list[j].N {
				return list[i].N > list[j].N
			}
			return list[i].Key < list[j].Key
		})
	}
	byCount(p.Categories)
	byCount(p.Comuni)
	perArea := map[string]*data.AreaProposals{}
	for _, a := range as {
		p.Proposals = append(p.Proposals, data.AreaProposals{AreaID: a.ID, Name: a.Name, ByKind: map[data.ProposalKind]int{}})
	}
	for i := range p.Proposals {
		perArea[p.Proposals[i].AreaID] = &p.Proposals[i]
	}
	rows, err = tx.QueryContext(ctx, `SELECT area_id, kind, count(*) FROM proposals
		WHERE deleted = 0 AND state <> 'accorpata' GROUP BY area_id, kind`)
	if err != nil {
		return p, err
	}
	defer rows.Close()
	for rows.Next() {
		var area string
		var kind data.ProposalKind
		var n int
		if err := rows.Scan(&area, &kind, &n); err != nil {
			return p, err
		}
		if a := perArea[area]; a != nil {
			a.ByKind[kind] += n
			a.Total += n
		}
	}
	return p, rows.Err()
}

func scanCounts(rows *sql.Rows, fn func(key string, n int)) error {
	defer rows.Close()
	for rows.Next() {
		var key string
		var n int
		if err := rows.Scan(&key, &n); err != nil {
			return err
		}
		fn(key, n)
	}
	return rows.Err()
}

// Synthesis gathers the Documento di sintesi: the process and its figures, each area's strengths,
// critical points, strategies and ranked project ideas, the priority list and the validation rounds.
// With an areaID, only that area (the figures stay the district's).
func (s *Store) Synthesis(ctx context.Context, areaID string) (data.Synthesis, error) {
	var out data.Synthesis
	err := s.read(ctx, func(tx *sql.Tx) error {
		a, err := ambito(ctx, tx)
		if err != nil {
			return err
		}
		out = data.Synthesis{Ambito: a, AreaID: areaID, Weighing: weighing(a.Weighing), Changed: a.Updated}
		if a.CapofilaID != "" {
			names, err := comuneNames(ctx, tx)
			if err != nil {
				return err
			}
			out.Capofila = names[a.CapofilaID]
		}
		if out.Bodies, err = bodies(ctx, tx); err != nil {
			return err
		}
		if out.Responsible, out.ResponsibleGender, err = officeHead(ctx, tx); err != nil {
			return err
		}
		if out.Private, err = privatePeople(ctx, tx); err != nil {
			return err
		}
		if out.Participation, err = participation(ctx, tx, time.Time{}, time.Time{}); err != nil {
			return err
		}
		as, err := areas(ctx, tx)
		if err != nil {
			return err
		}
		found := areaID == ""
		for _, ar := range as {
			found = found || ar.ID == areaID
		}
		if !found {
			return data.Errorf(data.ENotFound, "err.area.missing", "id", areaID)
		}
		all, err := proposals(ctx, tx, data.ProposalFilter{Sort: data.SortPriority})
		if err != nil {
			return err
		}
		ranked, err := ranking(ctx, tx, "", out.Weighing)
		if err != nil {
			return err
		}
		scoreOf := map[string]data.Ranked{}
		for _, r := range ranked {
			scoreOf[r.ID] = r
		}
		for _, ar := range as {
			if areaID != "" && ar.ID != areaID {
				continue
			}
			sa := data.SynthesisArea{Area: ar}
			var unvoted []data.Ranked
			for _, p := range all {
				if p.AreaID != ar.ID || p.State == data.StateAccorpata {
					continue
				}
				switch p.Kind {
				case data.KindPuntoDiForza:
					sa.Strengths = append(sa.Strengths, p)
				case data.KindCriticita:
					sa.Critical = append(sa.Critical, p)
				case data.KindStrategia:
					sa.Strategies = append(sa.Strategies, p)
				case data.KindIpotesi:
					if _, ok := scoreOf[p.ID]; !ok {
						unvoted = append(unvoted, data.Ranked{ProposalView: p})
					}
				}
			}
			for _, r := range ranked {
				if r.AreaID == ar.ID && r.Kind == data.KindIpotesi {
					sa.Ideas = append(sa.Ideas, r)
				}
			}
			rerank(sa.Ideas)
			sa.Ideas = append(sa.Ideas, unvoted...)
			out.Areas = append(out.Areas, sa)
		}
		for _, p := range all {
			if p.Priority == 0 || p.State == data.StateAccorpata || (areaID != "" && p.AreaID != areaID) {
				continue
			}
			r, ok := scoreOf[p.ID]
			if !ok {
				r = data.Ranked{ProposalView: p}
			}
			out.Priorities = append(out.Priorities, r)
		}
		if out.Rounds, err = rounds(ctx, tx, out.Bodies, time.Time{}, time.Time{}); err != nil {
			return err
		}
		var changed sql.NullString
		err = tx.QueryRowContext(ctx, `SELECT max(m) FROM (
			SELECT max(updated) m FROM proposals UNION ALL SELECT max(updated) FROM votes
			UNION ALL SELECT max(updated) FROM sessions UNION ALL SELECT max(updated) FROM attendance
			UNION ALL SELECT max(updated) FROM areas UNION ALL SELECT max(updated) FROM bodies
			UNION ALL SELECT max(updated) FROM ambito UNION ALL SELECT max(updated) FROM people
			UNION ALL SELECT max(updated) FROM organisations UNION ALL SELECT max(updated) FROM comuni
			UNION ALL SELECT max(updated) FROM proposal_events)`).Scan(&changed)
		if err != nil || !changed.Valid {
			return err
		}
		out.Changed, err = parseTime(changed.String)
		return err
	})
	return out, err
}

// rounds gathers the validation votes (closed votes that cover proposals) of sessions held in
// [from, to) (a zero bound does not limit), with their ballots and what each decided.
func rounds(ctx context.Context, tx *sql.Tx, bodies []data.Body, from, to time.Time) ([]data.Round, error) {
	var out []data.Round
	held, err := closedVotes(ctx, tx)
	if err != nil {
		return nil, err
	}
	byID := map[string]data.Body{}
	for _, b := range bodies {
		byID[b.ID] = b
	}
	for _, h := range held {
		if len(h.vote.Covers) == 0 || (!from.IsZero() && h.session.Date.Before(from)) ||
			(!to.IsZero() && !h.session.Date.Before(to)) {
			continue
		}
		bs, voted, err := ballots(ctx, tx, h.vote.ID)
		if err != nil {
			return nil, err
		}
		moved := map[string]data.ProposalState{}
		rows, err := tx.QueryContext(ctx, `SELECT proposal_id, to_state FROM proposal_events
			WHERE deleted = 0 AND vote_id = ? ORDER BY at, id`, h.vote.ID)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var id string
			var to data.ProposalState
			if err := rows.Scan(&id, &to); err != nil {
				rows.Close()
				return nil, err
			}
			moved[id] = to
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
		out = append(out, data.Round{Body: byID[h.session.BodyID], Session: h.session, Vote: h.vote,
			Ballots: bs, Voted: voted, Moved: moved})
	}
	return out, nil
}

// officeHead is the presidente of the Ufficio di Piano, given name first, with the gender the signature's
// role agrees with, or "" when the registry has none.
func officeHead(ctx context.Context, tx *sql.Tx) (string, data.Gender, error) {
	var p data.Person
	err := tx.QueryRowContext(ctx, `SELECT p.name, p.surname, p.gender FROM memberships m
		JOIN bodies b ON b.id = m.body_id AND b.deleted = 0
		JOIN people p ON p.id = m.person_id AND p.deleted = 0
		WHERE m.deleted = 0 AND b.kind = ? AND m.role = ?
		ORDER BY b.position, b.id, m.id LIMIT 1`, string(data.BodyUfficioDiPiano), string(data.RolePresidente)).
		Scan(&p.Name, &p.Surname, &p.Gender)
	if errors.Is(err, sql.ErrNoRows) {
		return "", data.GenderUnknown, nil
	}
	if err != nil {
		return "", data.GenderUnknown, err
	}
	return p.Naming().Prose(), p.Gender, nil
}
