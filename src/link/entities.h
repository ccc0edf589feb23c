// Corpus-level entity resolution: one entity per real-world referent across documents.
//
// Mentions arrive with document-level keys (extract/entities.h). Keys are global where
// they can be (gazetteer keys, person "given|surname" with the article dropped, outlet
// names, head+name), so the same actor in two documents shares a key. Keys are then
// united by the alias links the documents found (acronyms, "also known as"), and a
// facility named after a place ("سجن الحسكة") joins the one facility of that kind the
// corpus locates in that place ("سجن غويران في الحسكة"), when there is exactly one.
// Spellings of one name meet too (extract/names.h keys): a person's given name and
// surname that agree up to long vowels and doubled letters (دونالد ترامب = دونالد ترمب,
// نتانياهو = نتنياهو) unless both are listed given names (سلمان ≠ سليمان); a surname alone
// with the one person of the corpus who bears it most (ترامب → دونالد ترامب, never
// إيفانكا ترامب when Donald is named far more); names that differ only in a final
// letter typed for another (الصحة/الصحى); a body named by الاحتلال alone with the
// country the corpus calls the occupier.
// Documents can be added one at a time (Add); Finish() numbers the entities.
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "model/document.h"
#include "lexicon/lexicons.h"

namespace isnad {

struct EntityRecord {
  std::string id;  // e1, e2, … in order of first mention
  EntityType type = EntityType::kORG;
  std::string name;
  std::vector<std::string> aliases;
  // A mention: the analysis `doc` holds its span and text (mentions[mention]).
  struct Ref {
    size_t doc;      // index into the analyses
    size_t mention;  // index into that analysis's mentions
  };
  std::vector<Ref> mentions;
};

class EntityLinker {
 public:
  explicit EntityLinker(const Lexicons& lx) : lx_(lx) {}
  void Add(size_t doc_index, const DocAnalysis& a);
  // Resolves and numbers the entities; afterwards IdOf maps document keys to ids.
  void Finish();
  const std::vector<EntityRecord>& entities() const { return entities_; }
  // Hands the entities over (entities() is empty afterwards; IdOf still answers).
  std::vector<EntityRecord> TakeEntities() { return std::move(entities_); }
  // The entity id of a document-level key ("" when the key named no mention).
  std::string IdOf(const std::string& key) const;

 private:
  void LinkVariants();
  int Node(const std::string& key);
  int Find(int x);
  void Union(const std::string& a, const std::string& b);

  const Lexicons& lx_;
  std::unordered_map<std::string, int> node_;
  std::vector<int> parent_;
  std::vector<std::string> keys_;
  struct Pending {
    size_t doc;
    size_t index;  // into the analysis's mentions
    const MentionItem* m;
  };
  std::vector<Pending> mentions_;
  std::vector<std::pair<std::string, std::string>> located_;
  std::vector<std::pair<std::string, std::string>> surfaces_;
  std::unordered_map<std::string, int> occupier_votes_;
  std::unordered_map<int, std::string> id_of_root_;
  std::vector<EntityRecord> entities_;
};

}  // namespace isnad
