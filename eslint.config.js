import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'artifacts/**', 'data/**', 'coverage/**', '**/*.js', '**/*.cjs'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      parserOptions: {
        // Root config files (vite, vitest) belong to no tsconfig project.
        projectService: { allowDefaultProject: ['*.config.ts'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-empty-object-type': 'off',
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-console': 'off',
    },
  },
  {
    // Layering (DEVELOPERS.md): core is the platform and never depends on a
    // business module; a module plugs in through core/module.ts and is listed
    // in src/server/registry.ts. Tests may use the whole product through the
    // harness in test/support.
    files: ['src/server/core/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)(modules/|registry\\.js$|app\\.js$|demo\\.js$|server\\.js$|cli[^/]*\\.js$)',
              message: 'core 不得依赖业务模块或应用入口：模块通过 ServerModule 插头（core/module.ts）接入。',
            },
          ],
        },
      ],
    },
  },
  {
    // A module reaches another module only through that module's service.
    files: ['src/server/modules/*/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^\\.\\./(?!\\.\\./)[^/]+/(?![^/]+\\.service\\.js$)', message: '其他模块只能通过其 *.service.ts 调用。' }] },
      ],
    },
  },
  {
    files: ['src/server/modules/*/*/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^\\.\\./\\.\\./(?!\\.\\./)[^/]+/(?![^/]+\\.service\\.js$)', message: '其他模块只能通过其 *.service.ts 调用。' }] },
      ],
    },
  },
  {
    // Queries live in the module's *.repo.ts (DEVELOPERS.md): the service and
    // workflow keep the rules, the repo the SQL. Migrations stay self-contained,
    // seeds write demo rows, and a policy's list filter is SQL by nature.
    files: ['src/server/modules/**/*.ts'],
    ignores: ['**/*.repo.ts', '**/*.migrations.ts', '**/*.seed.ts', '**/*.seed.*.ts', '**/*.test.ts', '**/*.policy.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        ...['selectFrom', 'insertInto', 'updateTable', 'deleteFrom', 'replaceInto', 'mergeInto'].map((property) => ({
          property,
          message: '查询写在本模块的 *.repo.ts 中，服务和流程调用仓储函数。',
        })),
      ],
      'no-restricted-syntax': ['error', { selector: 'TaggedTemplateExpression[tag.name="sql"]', message: 'SQL 写在本模块的 *.repo.ts 中。' }],
    },
  },
  {
    // One API client: requests go through src/web/app/http.ts, which sends the
    // CSRF and acting-for headers and reroutes a lost session to the login page.
    files: ['src/web/**/*.ts', 'src/web/**/*.tsx'],
    ignores: ['src/web/app/http.ts'],
    rules: {
      'no-restricted-globals': [
        'error',
        { name: 'fetch', message: '请通过 src/web/app/http.ts 的 request()/download() 访问接口。' },
        { name: 'XMLHttpRequest', message: '请通过 src/web/app/http.ts 的 request({ onUploadProgress }) 上传。' },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: 'MemberExpression[object.name=/^(window|globalThis|self)$/][property.name=/^(fetch|XMLHttpRequest)$/]',
          message: '请通过 src/web/app/http.ts 访问接口。',
        },
        {
          // Only in secure contexts: on a plain-HTTP intranet address it throws.
          selector: 'MemberExpression[object.name="crypto"][property.name="randomUUID"]',
          message: '请使用 src/web/app/idempotency.ts 的 newIdempotencyKey()（内网 HTTP 地址下没有 crypto.randomUUID）。',
        },
      ],
    },
  },
);
