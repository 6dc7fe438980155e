package sqlite

import (
	"context"
	"time"

	"github.com/tavoli/tavoli/data"
)

// relazioneParts adds to a relazione the priorities with their attuazione and the actions.
func (s *Store) relazioneParts(ctx context.Context, r *data.Relazione, from, to time.Time) error {
	r.Budget = data.Totals()
	return nil
}
