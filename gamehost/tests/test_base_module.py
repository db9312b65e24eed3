import unittest

import soluzion6_02 as sz


class BaseModuleTest(unittest.TestCase):
    def test_default_formulation_is_a_playable_counting_game(self):
        f = sz.SZ_Formulation()
        state = f.initialize_problem({})
        op = f.operators.operators[0]
        for _ in range(3):
            self.assertFalse(state.is_goal())
            self.assertTrue(op.is_applicable(state))
            state = op.apply(state)
        self.assertTrue(state.is_goal())

    def test_instance_data_defaults_are_not_shared(self):
        a = sz.SZ_Problem_Instance_Data()
        b = sz.SZ_Problem_Instance_Data()
        a.data["secret"] = 42
        self.assertNotIn("secret", b.data)

    def test_old_positional_operator_order_is_accepted(self):
        op = sz.SZ_Operator("Go", lambda s: True, lambda s: "moved")
        self.assertEqual(op.apply(object()), "moved")
        self.assertEqual(op.description, "")


if __name__ == "__main__":
    unittest.main()


class BaseModuleDefaultsTest(unittest.TestCase):
    def test_roles_spec_defaults_to_one_player_and_sums_max_players(self):
        spec = sz.SZ_Roles_Spec()
        self.assertEqual([r.name for r in spec.roles], ["Player"])
        spec = sz.SZ_Roles_Spec([sz.SZ_Role("A"), sz.SZ_Role("Observer", max_players=5)])
        self.assertEqual(spec.max_players, 6)
        self.assertEqual(spec.min_players_to_start, 1)

    def test_lists_given_to_constructors_are_copied(self):
        params = [{"name": "n", "type": "int"}]
        op = sz.SZ_Operator("Pick", "", None, None, params)
        params.append({"name": "extra"})
        self.assertEqual(len(op.params), 1)
        authors = ["Ann"]
        md = sz.SZ_Metadata(authors=authors)
        authors.append("Bob")
        self.assertEqual(md.authors, ["Ann"])

    def test_params_may_be_a_function_of_the_state(self):
        op = sz.SZ_Operator("Pick", "", lambda s: True, lambda s, args: args[0],
                            lambda s: [{"name": "n", "type": "int", "max": s}])
        self.assertEqual(op.apply(3, [2]), 2)

    def test_two_formulations_do_not_share_instance_data(self):
        a, b = sz.SZ_Formulation(), sz.SZ_Formulation()
        a.initialize_problem({"x": 1})
        self.assertEqual(b.instance_data.data, {})
