package data

// PersonImport is one person as read from a file: the organisation, category and comune still as the
// file wrote them. Line is the file's line number, for messages.
type PersonImport struct {
	Line         int    `json:"line"`
	Surname      string `json:"surname"`
	Name         string `json:"name"`
	Organisation string `json:"organisation"`
	Category     string `json:"category"`
	Comune       string `json:"comune"`
	Email        string `json:"email"`
	Phone        string `json:"phone"`
	Notes        string `json:"notes"`
	Title        string `json:"title,omitempty"`
	Gender       string `json:"gender,omitempty"` // as written: "F", "femmina", "Uomo"
}

// ImportOptions say how an import of people runs.
type ImportOptions struct {
	// Apply writes the rows; without it nothing is written and the report says what would happen.
	Apply bool
	// Progress, when not nil, is called after each row with the rows done so far and the total, on the
	// goroutine that imports: a long file can then say how far it is. Callers that draw decide how
	// often to.
	Progress func(done, total int)
}

// ImportOutcome is what an import does with one row.
type ImportOutcome string

// Import outcomes.
const (
	ImportNew       ImportOutcome = "new"       // a person not in the register yet
	ImportUpdated   ImportOutcome = "updated"   // same name and email as someone registered: updated
	ImportUnchanged ImportOutcome = "unchanged" // already registered with the same data
)

// ImportFlag marks something in a row a person should look at.
type ImportFlag string

// Import flags.
const (
	FlagUnknownCategory ImportFlag = "unknown_category" // became "altro"
	FlagUnknownComune   ImportFlag = "unknown_comune"   // kept as text
	FlagNewOrganisation ImportFlag = "new_organisation" // an organisation created by the import
	FlagDuplicateInFile ImportFlag = "duplicate_in_file"
	FlagUnknownGender   ImportFlag = "unknown_gender" // left not recorded
)

// ImportRowResult says what the import does (or did) with one row.
type ImportRowResult struct {
	Line     int           `json:"line"`
	Outcome  ImportOutcome `json:"outcome"`
	PersonID string        `json:"person_id"`
	FullName string        `json:"full_name"`
	Category Category      `json:"category"`
	Comune   string        `json:"comune"`
	Flags    []ImportFlag  `json:"flags,omitempty"`
}

// ImportReport sums up an import or its preview.
type ImportReport struct {
	Rows             []ImportRowResult `json:"rows"`
	New              int               `json:"new"`
	Updated          int               `json:"updated"`
	Unchanged        int               `json:"unchanged"`
	Duplicates       int               `json:"duplicates"` // rows repeating an earlier row of the same file
	NewOrganisations int               `json:"new_organisations"`
	Flagged          int               `json:"flagged"`
	Applied          bool              `json:"applied"`
}
