import type { BelongsToManyAssociation } from '../../associations/belongs-to-many.js';
import type { BelongsToAssociation } from '../../associations/belongs-to.js';
import type { HasManyAssociation } from '../../associations/has-many.js';
import type { HasOneAssociation } from '../../associations/has-one.js';
import type { AbstractDataType } from '../../data-types/abstract.js';
import { DataTypes } from '../../data-types/index.js';
import type { ModelDefinition, NormalizedAttribute } from '../../metadata/model-definition.js';
import type { Relata } from '../../relata.js';
import { uniqueGroups } from '../../sql/ddl.js';

type AnyAssociation = BelongsToAssociation | HasOneAssociation | HasManyAssociation | BelongsToManyAssociation;

/** One entity of the diagram: a model (junction models included) and its table's columns. */
export interface DiagramEntity {
  /** The model name, as written in the diagram (quoted when Mermaid needs it). */
  readonly name: string;
  readonly table: string;
  /** `integer id PK`, `integer userId FK`, `enum kind "book, film"`. */
  readonly attributes: readonly string[];
}

/** One relationship line: a foreign key column of `child` pointing at `parent`. */
export interface DiagramRelationship {
  readonly parent: string;
  readonly child: string;
  /** The foreign key column, on the child's table. */
  readonly column: string;
  /** `||` when the foreign key is NOT NULL (every child has a parent), `|o` when it allows NULL. */
  readonly parentEnd: '||' | '|o';
  /** `o{` for hasMany, belongsToMany and a lone belongsTo; `o|` for hasOne or a unique foreign key. */
  readonly childEnd: 'o{' | 'o|';
  /** False for associations declared with `constraints: false` (no FOREIGN KEY): a dashed line. */
  readonly constrained: boolean;
  /** The aliases of the associations that use this foreign key, parent side first. */
  readonly aliases: readonly string[];
}

/** What `renderDiagram` draws, before it is written as Mermaid. */
export interface DiagramModel {
  readonly entities: readonly DiagramEntity[];
  readonly relationships: readonly DiagramRelationship[];
}

interface LinkDraft {
  readonly parent: ModelDefinition;
  readonly child: ModelDefinition;
  readonly column: NormalizedAttribute;
  /** Aliases of associations whose own foreign key this is, by side. */
  readonly parentAliases: Set<string>;
  readonly childAliases: Set<string>;
  /** Aliases of belongsToMany associations that reach the table through this key (their otherKey). */
  readonly throughAliases: Set<string>;
  many: boolean;
  one: boolean;
}

// Words Mermaid's erDiagram lexer reads as keywords (case-insensitively) wherever an entity name can stand.
const KEYWORDS = new Set(['erdiagram', 'style', 'classdef', 'class', 'subgraph', 'end', 'one', 'many', 'only', 'zero', 'to', 'optionally', 'u', 'direction', 'acctitle', 'accdescr', 'pk', 'fk', 'uk']);

/**
 * A name as a Mermaid entity: bare when Mermaid reads it as a plain word, else double-quoted,
 * with the characters a quoted name cannot hold (`"`, `%`, `\`, line breaks) replaced by `_`.
 *
 * @example
 * mermaidEntity('UserGroups') // 'UserGroups'
 * mermaidEntity('Class')      // '"Class"'
 * mermaidEntity('line item')  // '"line item"'
 * @internal
 */
export function mermaidEntity(name: string): string {
  if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !KEYWORDS.has(name.toLowerCase())) return name;
  return `"${name.replace(/["%\\\r\n\t\v\f\b]/g, '_') || '_'}"`;
}

// An attribute's type or name must be one Mermaid word: letters, digits, _ - ( ) [ ] . ,
function mermaidWord(text: string): string {
  const word = text.replace(/[^A-Za-z0-9_\-()[\].,]/g, '_');
  return /^[A-Za-z_]/.test(word) ? word : `_${word}`;
}

function mermaidText(text: string): string {
  return text.replace(/"/g, "'").replace(/[\r\n]+/g, ' ');
}

/**
 * A data type as the diagram shows it: the DataTypes name in lower case, with the length,
 * precision or scale the model gave (`string(20)`, `decimal(10,2)`); never dialect SQL, so the
 * diagram is the same whatever database the models run on.
 */
function typeLabel(type: AbstractDataType): string {
  const key = type.key;
  const p = type.params;
  const factory = (DataTypes as Readonly<Record<string, unknown>>)[key];
  let bare: Readonly<Record<string, unknown>> | undefined;
  try {
    bare = typeof factory === 'function' ? (factory as () => AbstractDataType)().params : undefined;
  } catch {
    bare = undefined;
  }
  const name = key.toLowerCase();
  const given = (...values: unknown[]) => {
    const kept = values.filter((v) => v !== undefined && v !== null);
    return kept.length === 0 ? name : `${name}(${kept.join(',')})`;
  };
  switch (key) {
    case 'STRING':
    case 'CHAR':
      return bare !== undefined && bare['length'] === p['length'] ? name : given(p['length']);
    case 'DECIMAL':
      return given(p['precision'], p['scale']);
    default:
      return mermaidWord(name);
  }
}

function attributeLine(attribute: NormalizedAttribute, groups: ReadonlyMap<string, readonly string[]>): string {
  const keys: string[] = [];
  if (attribute.primaryKey) keys.push('PK');
  if (attribute.references !== undefined || attribute.foreignKeyOf !== undefined) keys.push('FK');
  const group = attribute.unique === false ? undefined : groups.get(attribute.unique);
  if (group !== undefined && group.length === 1) keys.push('UK');
  const notes: string[] = [];
  if (attribute.type.key === 'ENUM') notes.push(((attribute.type.params['values'] as readonly string[] | undefined) ?? []).join(', '));
  if (group !== undefined && group.length > 1) notes.push(`unique (${group.join(', ')})`);
  const comment = notes.length > 0 ? ` "${mermaidText(notes.join('; '))}"` : '';
  return `${typeLabel(attribute.type)} ${mermaidWord(attribute.field)}${keys.length > 0 ? ` ${keys.join(', ')}` : ''}${comment}`;
}

function collectLinks(relata: Relata): LinkDraft[] {
  const links = new Map<string, LinkDraft>();
  const link = (child: ModelDefinition, key: string, parent: ModelDefinition): LinkDraft | undefined => {
    const column = child.attributes.get(key);
    if (column === undefined) return undefined;
    const id = `${child.tableName}\u0000${column.field}\u0000${parent.tableName}`;
    let draft = links.get(id);
    if (draft === undefined) {
      draft = { parent, child, column, parentAliases: new Set(), childAliases: new Set(), throughAliases: new Set(), many: false, one: false };
      links.set(id, draft);
    }
    return draft;
  };
  const seen = new Set<unknown>();
  for (const name of Object.keys(relata.models).sort()) {
    const model = relata.models[name];
    if (model === undefined) continue;
    for (const association of Object.values(model.associations) as AnyAssociation[]) {
      if (seen.has(association)) continue;
      seen.add(association);
      const source = association.source.definition;
      const target = association.target.definition;
      switch (association.associationType) {
        case 'BelongsTo': {
          link(source, association.foreignKey, target)?.childAliases.add(association.as);
          break;
        }
        case 'HasOne':
        case 'HasMany': {
          const draft = link(target, association.foreignKey, source);
          if (draft === undefined) break;
          draft.parentAliases.add(association.as);
          if (association.associationType === 'HasMany') draft.many = true;
          else draft.one = true;
          break;
        }
        case 'BelongsToMany': {
          const junction = association.through.model.definition;
          const own = link(junction, association.foreignKey, source);
          const other = link(junction, association.otherKey, target);
          if (own !== undefined) {
            own.parentAliases.add(association.as);
            own.many = true;
          }
          if (other !== undefined) {
            other.throughAliases.add(association.as);
            other.many = true;
          }
          break;
        }
      }
    }
  }
  return [...links.values()];
}

/**
 * The entities and relationships of the models: one entity per table (junction tables of
 * belongsToMany included), and one relationship per foreign key column, however many
 * associations use it (`User.hasMany(Post)` and `Post.belongsTo(User)` are one line).
 *
 * @example
 * diagramModel(relata).relationships[0]
 * // { parent: 'User', child: 'Post', column: 'userId', parentEnd: '|o', childEnd: 'o{', constrained: true, aliases: ['posts', 'user'] }
 * @internal
 */
export function diagramModel(relata: Relata): DiagramModel {
  const byTable = new Map<string, ModelDefinition>();
  for (const name of Object.keys(relata.models).sort()) {
    const definition = relata.models[name]?.definition;
    if (definition !== undefined && !byTable.has(definition.tableName)) byTable.set(definition.tableName, definition);
  }
  const entityName = (definition: ModelDefinition) => mermaidEntity(byTable.get(definition.tableName)?.modelName ?? definition.modelName);
  const entities = [...byTable.values()].map((definition) => {
    const groups = uniqueGroups(definition);
    // Primary key columns first, then the table's order.
    const columns = [...definition.physicalAttributes].sort((a, b) => Number(b.primaryKey) - Number(a.primaryKey));
    return { name: entityName(definition), table: definition.tableName, attributes: columns.map((a) => attributeLine(a, groups)) };
  });
  const relationships = collectLinks(relata).map((draft): DiagramRelationship => {
    const unique = draft.column.unique !== false && uniqueGroups(draft.child).get(draft.column.unique)?.length === 1;
    const own = [...[...draft.parentAliases].sort(), ...[...draft.childAliases].sort()];
    return {
      parent: entityName(draft.parent),
      child: entityName(draft.child),
      column: draft.column.field,
      parentEnd: draft.column.allowNull ? '|o' : '||',
      // A lone belongsTo lets any number of rows point at one parent.
      childEnd: unique || (draft.one && !draft.many) ? 'o|' : 'o{',
      constrained: draft.column.references !== undefined,
      aliases: own.length > 0 ? own : [...draft.throughAliases].sort(),
    };
  });
  const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  entities.sort((a, b) => byName(a.name, b.name));
  relationships.sort((a, b) => byName(a.parent, b.parent) || byName(a.child, b.child) || byName(a.column, b.column));
  return { entities, relationships };
}

/**
 * The models as a Mermaid `erDiagram`: every model's table as an entity with its columns (the
 * DataTypes name, then `PK`, `FK`, `UK`; enum values and composite unique keys as comments), and
 * one line per foreign key with its cardinality, labelled with the associations' aliases and the
 * column. Entities and lines are sorted, so the text only changes when the models do.
 *
 * @example
 * renderDiagram(relata)
 * // erDiagram
 * //   Post {
 * //     integer id PK
 * //     integer userId FK
 * //   }
 * //   …
 * //   User |o--o{ Post : "posts / user (userId)"
 */
export function renderDiagram(relata: Relata): string {
  return mermaidSource(diagramModel(relata));
}

/** The Mermaid text of a diagram model. @internal */
export function mermaidSource({ entities, relationships }: DiagramModel): string {
  const lines = ['erDiagram'];
  for (const entity of entities) {
    lines.push(`  ${entity.name} {`, ...entity.attributes.map((a) => `    ${a}`), '  }');
  }
  for (const r of relationships) {
    const label = mermaidText(r.aliases.length > 0 ? `${r.aliases.join(' / ')} (${r.column})` : r.column);
    lines.push(`  ${r.parent} ${r.parentEnd}${r.constrained ? '--' : '..'}${r.childEnd} ${r.child} : "${label}"`);
  }
  return `${lines.join('\n')}\n`;
}

/** Options for `diagramMarkdown` and `diagramHtml`. */
export interface DiagramDocumentOptions {
  /** The heading; `Entity-relationship diagram` by default. */
  title?: string;
  /** Where the models came from, named in the note under the heading (`models`). */
  source?: string;
}

/**
 * A Markdown document holding the diagram in a ```` ```mermaid ```` block, which GitHub and
 * GitLab render as a picture.
 *
 * @example
 * await writeFile('docs/diagram.md', diagramMarkdown(relata, { source: 'models' }))
 */
export function diagramMarkdown(relata: Relata, options: DiagramDocumentOptions = {}): string {
  const model = diagramModel(relata);
  return `# ${options.title ?? 'Entity-relationship diagram'}\n\n${summary(model, options.source)}\n\n\`\`\`mermaid\n${mermaidSource(model)}\`\`\`\n`;
}

/** The note under the heading. @internal */
export function summary({ entities: { length: entities }, relationships: { length: relationships } }: DiagramModel, source: string | undefined): string {
  const from = source === undefined ? 'the models' : `the models in \`${source}\``;
  return `${entities} table${entities === 1 ? '' : 's'} and ${relationships} relationship${relationships === 1 ? '' : 's'}, generated by \`relata diagram\` from ${from}. Run it again after changing them.`;
}
