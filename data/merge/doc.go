// Package merge decides what one record arriving in a bundle does to the version this laptop holds.
// It is the rule book of the exchange between laptops, with no SQL: the store looks up the facts
// (Facts), asks Decide, and applies the Decision (writes, keeps a version aside, counts).
//
// A version of a record is named by its updated time and device (Version). Each version carries what
// it was made on top of (Seen): for every device, the latest of its versions among the ancestors. It
// is stored, and carried in bundles as "@base", as JSON with sorted keys, "" when empty.
//
// The rules, in the order they are tried, for a record held here:
//   - Same row: the incoming version says nothing the local one does not. Unchanged.
//   - Erasure (a record with an "erased" column, a person whose data were erased, GDPR art. 17): an
//     erased version beats every version that is not, whatever their times, and nothing is kept aside
//     (a version set aside would keep the data the erasure removed). Two erased versions: the later
//     one stays, again with nothing aside.
//   - Same content under other stamps (two laptops that loaded the same data): the later stamp is kept
//     everywhere, so that laptops agree byte for byte. Nothing is kept aside.
//   - Old news: the local version has seen the incoming one (its base covers it, or it is a later
//     version of the same device). Unchanged.
//   - Locked (an approved verbale, a record of a session approved here): the incoming version is
//     refused, kept aside as locked, and the local one is stamped anew by this device on top of the
//     refused one, so every laptop that took the refused version takes the approved one back. But when
//     the local version is itself one this laptop kept aside as refused, the incoming version restores
//     the approved one.
//   - Update: the incoming version has seen the local one (or comes from the same device). It replaces
//     it; a deletion of a live record counts as deleted.
//   - Conflict: two versions made independently. The approved session wins, then the later version
//     (by updated time, then device id), then the smaller canonical JSON (the same stamp twice). The
//     loser is kept aside as a conflict; a winning incoming version stands for the one it beat.
//
// A version set aside (a record version) changes only by a person's review:
//   - Old news and update as above.
//   - Two settled reviews that disagree (one laptop restored the version, another dismissed it): the
//     version goes back to review as disputed, a new version stamped by this device after both, made on
//     top of both.
//   - Otherwise a reviewed version beats one still to review (disputed counts as reviewed), then the
//     later review wins.
//
// A record not held here is added, except a live record added elsewhere to a session approved here:
// it is kept aside as locked and stored deleted under this laptop's stamp, made on top of it, so that
// the laptop that added it drops it too.
package merge
