// The seeds' world on an embedded SQLite file: 1:1 (User–Profile), 1:N (User–Post),
// N:M (User–Group, Student–Course), loaded eagerly and lazily, printed as plain rows.
import { mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Op, Relata } from 'relata';

const dir = join(tmpdir(), 'relata-demo');
mkdirSync(dir, { recursive: true });
const storage = join(dir, 'demo.sqlite');
rmSync(storage, { force: true });

let statements = 0;
const sequelize = new Relata(`sqlite:${storage}`, { logging: () => statements++ });

// demo/models/: one file per model, as sequelize-cli writes them; loadModels runs every associate(models).
const { User, Profile, Post, Group, Student, Course } = await sequelize.loadModels(fileURLToPath(new URL('./models', import.meta.url)));

await sequelize.sync({ force: true });

const ada = await User.create({ name: 'Ada' });
const alan = await User.create({ name: 'Alan' });
await ada.createProfile({ bio: 'Wrote the first program' });
await alan.createProfile({ bio: 'Asked whether machines can think' });
await ada.createPost({ title: 'Notes on the Analytical Engine', status: 'published' });
await ada.createPost({ title: 'Draft: Bernoulli numbers', status: 'draft' });
await alan.createPost({ title: 'Computing Machinery and Intelligence', status: 'published' });
const [math, codes] = await Group.bulkCreate([{ name: 'Mathematicians' }, { name: 'Codebreakers' }]);
await ada.addGroup(math);
await alan.addGroups([math, codes]);

const show = (label, value) => console.log(`\n${label}\n${JSON.stringify(value, null, 2)}`);

// 1:1
const withProfile = await User.findByPk(1, { include: { model: Profile, as: 'profile' } });
show('1:1  User.findByPk(1, { include: { model: Profile, as: "profile" } }).profile', withProfile.profile.toJSON());

// 1:N
const withPosts = await User.findByPk(1, { include: { model: Post, as: 'posts' } });
show('1:N  User.findByPk(1, { include: { model: Post, as: "posts" } }).posts', withPosts.posts.map((p) => p.toJSON()));

// N:M
const withGroups = await User.findByPk(2, { include: { model: Group, as: 'groups' } });
// The junction's column order follows the model file that declares the pair first (group.js), so the keys are listed.
const junctionRow = ({ createdAt, updatedAt, userId, groupId }) => ({ createdAt, updatedAt, userId, groupId });
show('N:M  User.findByPk(2, { include: { model: Group, as: "groups" } }).groups', withGroups.groups.map((g) => ({ id: g.id, name: g.name, UserGroups: junctionRow(g.UserGroups.toJSON()) })));

// Filtered eager loading: only users with a published post, only their published posts
const published = await User.findAll({ include: [{ model: Post, as: 'posts', where: { status: 'published' } }, { model: Profile, as: 'profile' }], order: [['id', 'ASC']] });
show('Users with their published posts and profile', published.map((u) => ({ name: u.name, bio: u.profile.bio, posts: u.posts.map((p) => p.title) })));

// Lazy loading and the generated accessors
show('ada.countPosts(), ada.hasGroup(math), math.getMembers()', {
  countPosts: await ada.countPosts(),
  hasGroupMath: await ada.hasGroup(math),
  members: (await math.getMembers({ order: [['name', 'ASC']] })).map((m) => m.name),
});

// Student–Course through the automatic StudentCourses junction
const grace = await Student.create({ name: 'Grace' });
const [compilers, logic] = await Course.bulkCreate([{ title: 'Compilers' }, { title: 'Logic' }]);
await grace.addCourse(compilers);
await grace.addCourse(logic);
const enrolled = await Student.findOne({ where: { name: 'Grace' }, include: Course });
show('Student.findOne({ include: Course }).Courses', enrolled.Courses.map((c) => c.title));

const rows = await sequelize.query('SELECT "userId", "groupId" FROM "UserGroups" ORDER BY "userId", "groupId"', { type: 'SELECT' });
show('Rows read back from the UserGroups junction table', rows);

const titles = await Post.findAll({ where: { title: { [Op.like]: '%Machine%' } }, attributes: ['title'], raw: true });
show('Post.findAll({ where: { title: { [Op.like]: "%Machine%" } }, raw: true })', titles);

console.log(`\n${statements} SQL statements on ${storage}`);
await sequelize.close();
