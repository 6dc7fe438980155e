package sqlite

import (
	"context"
	"database/sql"
	"time"

	"github.com/tavoli/tavoli/data"
)

// TableAnswer gathers what became of every proposal made in a body's sessions (those split off them
// included), each with the reason of its state and, once merged, the proposal it went into.
func (s *Store) TableAnswer(ctx context.Context, bodyID string) (data.TableAnswer, error) {
	var out data.TableAnswer
	err := s.read(ctx, func(tx *sql.Tx) error {
		b, err := loadBody(ctx, tx, bodyID)
		if err != nil {
			return err
		}
		a, err := ambito(ctx, tx)
		if err != nil {
			return err
		}
		out = data.TableAnswer{Ambito: a, Body: b, Changed: latest(a.Updated, b.Updated)}
		names, err := comuneNames(ctx, tx)
		if err != nil {
			return err
		}
		out.Capofila = names[a.CapofilaID]
		if b.AreaID != "" {
			as, err := areas(ctx, tx)
			if err != nil {
				return err
			}
			for _, ar := range as {
				if ar.ID == b.AreaID {
					out.AreaName = ar.Name
				}
			}
		}
		if out.Bodies, err = bodies(ctx, tx); err != nil {
			return err
		}
		if out.Responsible, out.ResponsibleGender, err = officeHead(ctx, tx); err != nil {
			return err
		}
		list, err := proposals(ctx, tx, data.ProposalFilter{BodyID: bodyID})
		if err != nil {
			return err
		}
		out.Proposals = make([]data.ProposalFate, 0, len(list))
		for _, p := range list {
			f := data.ProposalFate{ProposalView: p}
			out.Changed = latest(out.Changed, p.Updated)
			if p.MergedIntoID != "" {
				into, err := queryProposals(ctx, tx, ` WHERE p.id = ?`, p.MergedIntoID)
				if err != nil {
					return err
				}
				if len(into) == 1 {
					f.Into = &into[0]
					out.Changed = latest(out.Changed, into[0].Updated)
				}
			}
			out.Proposals = append(out.Proposals, f)
		}
		return nil
	})
	return out, err
}

// latest is the later of two times.
func latest(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}
