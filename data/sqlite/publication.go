package sqlite

import (
	"context"
	"database/sql"

	"github.com/tavoli/tavoli/data"
)

// privatePeople lists the people a copy for publication names by initials only: private citizens and
// the people flagged, deleted ones too, since an older register, a proposal or a joined alias may still
// name them. In id order, so that the same registry gives the same list.
func privatePeople(ctx context.Context, tx *sql.Tx) ([]data.Private, error) {
	// The condition is people_private's, written the same, so that only the index is read.
	rows, err := tx.QueryContext(ctx, `SELECT id, name, surname, gender, title FROM people
		WHERE category = 'cittadino' OR publish_initials <> 0 ORDER BY id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []data.Private
	for rows.Next() {
		var p data.Private
		if err := rows.Scan(&p.ID, &p.Name, &p.Surname, &p.Gender, &p.Title); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}
