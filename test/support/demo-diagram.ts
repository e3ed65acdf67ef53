/**
 * The demo's models folder (demo/models, loaded by demo/demo.mjs) and the diagram
 * `relata diagram --models-path demo/models` draws of it, shared by the diagram's tests.
 */
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project root. */
export const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');

/** demo/models, absolute. */
export const DEMO_MODELS = join(ROOT, 'demo/models');

/** The Mermaid text of demo/models. */
export const DEMO_DIAGRAM = `erDiagram
  Course {
    integer id PK
    string title
    date createdAt
    date updatedAt
  }
  Group {
    integer id PK
    string name
    date createdAt
    date updatedAt
  }
  Post {
    integer id PK
    string title
    text content
    string status
    date createdAt
    date updatedAt
    integer userId FK
  }
  Profile {
    integer id PK
    string bio
    date createdAt
    date updatedAt
    integer userId FK
  }
  Student {
    integer id PK
    string name
    date createdAt
    date updatedAt
  }
  StudentCourses {
    integer CourseId PK, FK
    integer StudentId PK, FK
    date createdAt
    date updatedAt
  }
  User {
    integer id PK
    string name
    date createdAt
    date updatedAt
  }
  UserGroups {
    integer groupId PK, FK
    integer userId PK, FK
    date createdAt
    date updatedAt
  }
  Course ||--o{ StudentCourses : "Students (CourseId)"
  Group ||--o{ UserGroups : "members (groupId)"
  Student ||--o{ StudentCourses : "Courses (StudentId)"
  User |o--o{ Post : "posts / user (userId)"
  User |o--o| Profile : "profile / user (userId)"
  User ||--o{ UserGroups : "groups (userId)"
`;
